package cn.hpf.mobile.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.browser.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * A cluster-wide pause made in one replica's console is seen by another: two replicas of the packaged application
 * (one PostgreSQL, one Redis Cluster), a console on each. Paused in replica A's console, replica B's console shows
 * it and B refuses a withdrawal with 503 ADMISSIONS_PAUSED; resumed in A's console, B's shows it and B admits the
 * same request (same Idempotency-Key: the refusal consumed nothing).
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleClusterPauseBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** A replica's console reads the live feed every 2 s; its admissions follow the switch within 1 s + a query. */
    private static final Duration FOLLOWS = Duration.ofSeconds(10);
    private static final long MEMBER = 10_000_000L + 1;

    private LocalCluster cluster;
    private Browser a;
    private Browser b;

    @BeforeAll
    void up() throws SQLException {
        cluster = LocalCluster.startOwn(2, "it-console", 8300, Map.of());
        try (Connection c = cluster.db(); Statement s = c.createStatement()) {
            s.execute("SELECT hpf_generate_members(1, 10)");
        }
        a = Browser.desktop(cluster.replicaUrl(1));
        b = Browser.desktop(cluster.replicaUrl(2));
    }

    @AfterAll
    void down() {
        for (Browser browser : new Browser[] {a, b}) {
            if (browser != null) {
                browser.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPauseInOneReplicasConsoleIsSeenAndEnforcedByAnother() throws Exception {
        signIn(a);
        signIn(b);
        assertPaused(a, false);
        assertPaused(b, false);
        String member = login(cluster.replicaUrl(2));

        a.click(By.id("switch-admissions-button"));
        a.type(By.id("confirm-reason"), "two-replica test");
        a.click(By.id("confirm-ok"));
        assertPaused(a, true);

        b.waitUntil(d -> "true".equals(d.findElement(By.id("switch-admissions")).getAttribute("data-paused")), FOLLOWS);
        b.waitForText(By.id("switch-admissions-detail"), "two-replica test");
        b.screenshot("ops-console-replica-b-paused");
        // B's admissions read the switch on their own timer: until B follows, a request B may admit is one it must
        // refuse anyway (more than the balance), so probing takes nothing; then the real request is refused too.
        await().atMost(FOLLOWS).pollInterval(Duration.ofMillis(200)).until(() ->
                withdraw(cluster.replicaUrl(2), member, 5_000_000_000L, UUID.randomUUID().toString())
                        .path("code").asText(), "ADMISSIONS_PAUSED"::equals);
        String key = UUID.randomUUID().toString();
        String face = face(cluster.replicaUrl(2), member);
        HttpResponse<String> refused = send(cluster.replicaUrl(2), member, 1_000, key, face);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("ADMISSIONS_PAUSED");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        a.click(By.id("switch-admissions-button"));
        a.click(By.id("confirm-ok"));
        assertPaused(a, false);
        b.waitUntil(d -> "false".equals(d.findElement(By.id("switch-admissions")).getAttribute("data-paused")), FOLLOWS);
        HttpResponse<String> admitted = await().atMost(FOLLOWS).pollInterval(Duration.ofMillis(200))
                .until(() -> send(cluster.replicaUrl(2), member, 1_000, key, face), r -> r.statusCode() != 503);
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);
        assertThat(a.cspViolations()).isEmpty();
        assertThat(b.cspViolations()).isEmpty();
    }

    private static void signIn(Browser browser) {
        browser.get("/ops/");
        browser.type(By.id("username"), "ops");
        browser.type(By.id("password"), "Ops@2026");
        browser.click(By.id("login-submit"));
        browser.waitFor(By.id("switch-admissions-button"));
    }

    private static void assertPaused(Browser browser, boolean paused) {
        browser.waitUntil(d -> String.valueOf(paused).equals(
                d.findElement(By.id("switch-admissions")).getAttribute("data-paused")));
    }

    private static String login(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(WithdrawalLoad.post(url + "/v1/auth/token", null, null, Map.of("memberNo",
                WithdrawalLoad.memberNo(MEMBER), "password", WithdrawalLoad.PASSWORD, "channel", "APP"),
                Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("accessToken").asText();
    }

    private static String face(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(WithdrawalLoad.post(url + "/v1/face-verifications", token, null,
                Map.of("purpose", "WITHDRAWAL"), Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = JSON.readTree(r.body()).path("id").asText();
        HttpResponse<String> done = HTTP.send(WithdrawalLoad.post(url + "/sandbox/face-provider/verifications/" + id
                + "/complete", token, null, Map.of("outcome", "PASS"), Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isLessThan(300);
        return id;
    }

    private static JsonNode withdraw(String url, String token, long amountFen, String key) throws Exception {
        return JSON.readTree(send(url, token, amountFen, key, face(url, token)).body());
    }

    private static HttpResponse<String> send(String url, String token, long amountFen, String key, String face)
            throws Exception {
        return HTTP.send(WithdrawalLoad.post(url + "/v1/withdrawals", token, key, Map.of("category", "RENT",
                "amountFen", amountFen, "bankCardId", MEMBER, "faceVerificationId", face), Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
    }

}
