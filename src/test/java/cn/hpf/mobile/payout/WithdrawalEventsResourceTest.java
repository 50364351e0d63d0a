package cn.hpf.mobile.payout;

import static cn.hpf.mobile.payout.PayoutDispatcherTest.awaitStatus;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WithdrawalEventsResourceTest {

    @Test
    void streamsTheCurrentStateThenEachChangeWithHeartbeatsAndClosesWhenPaid() throws Exception {
        Member m = Fixtures.member().withHistory().create();
        // The bank's answers are lost until released, so the withdrawal waits in PAYING while we watch.
        UUID id = Fixtures.withdrawal(m).amount(9_900).bankPays(1_000_000).admit();
        awaitStatus(id, "PAYING");

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = open(m, id);
        assertThat(response.statusCode(), equalTo(200));
        assertThat(response.headers().firstValue("content-type").orElse(""), startsWith("text/event-stream"));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));

        await().atMost(Duration.ofSeconds(5)).alias("a data line in " + lines)
                .until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")));
        String first = lines.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
        assertThat(first, containsString("\"id\":\"" + id + "\""));
        assertThat(first, containsString("\"status\":\"PAYING\""));
        assertThat(first, containsString("\"amountFen\":9900"));
        assertThat(first, containsString("\"category\":\"PURCHASE\""));
        assertThat(first, containsString("\"updatedAt\":"));
        // Heartbeats keep proxies from closing an idle stream (every second in the test profile).
        await().atMost(Duration.ofSeconds(5)).alias("a heartbeat comment in " + lines)
                .until(() -> lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("heartbeat")));

        Db.exec("UPDATE sandbox_bank_script SET timeouts = 0 WHERE withdrawal_id = '" + id + "'");
        closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(data.size(), equalTo(2));
        assertThat(data.get(1), containsString("\"status\":\"PAID\""));
        assertThat(lines, hasItem("event:status"));
        assertThat(lines.stream().anyMatch(l -> l.startsWith("content-type")), equalTo(false));
    }

    @Inject
    WithdrawalEventHub hub;
    @Inject
    PayoutDispatcher dispatcher;

    @Test
    void everyStatusChangeIsAnnouncedToEveryReplica() {
        Member m = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(m).amount(700).bankPays(1_000_000).keepPayoutsPaused().admit();
        // The hub hears only its Redis subscription: whatever arrives here went through the channel, as a change
        // made by another replica would.
        List<WithdrawalEvent> heard = new CopyOnWriteArrayList<>();
        Runnable stop = hub.listen(id, heard::add);
        try {
            dispatcher.resume();
            awaitStatus(id, "PAYING");
            Db.exec("UPDATE sandbox_bank_script SET timeouts = 0 WHERE withdrawal_id = '" + id + "'");
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().anyMatch(e -> e.status().equals("PAID")));
            assertThat(heard.stream().map(WithdrawalEvent::status).toList(), equalTo(List.of("PAYING", "PAID")));
            assertThat(heard.get(1).amountFen(), equalTo(700L));
            assertThat(heard.get(1).id(), equalTo(id));
        } finally {
            stop.run();
        }
    }

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void aChangePublishedByAnotherReplicaReachesTheListeners() {
        UUID id = UUID.randomUUID();
        List<WithdrawalEvent> heard = new CopyOnWriteArrayList<>();
        Runnable stop = hub.listen(id, heard::add);
        try {
            redis.execute("PUBLISH", "hpf:withdrawal-status", "[{\"id\":\"" + id + "\",\"status\":\"PAID\","
                    + "\"amountFen\":42,\"category\":\"RENT\",\"updatedAt\":\"2026-11-25T10:00:00Z\"}]");
            await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
            assertThat(heard.get(0).status(), equalTo("PAID"));
            assertThat(heard.get(0).amountFen(), equalTo(42L));
        } finally {
            stop.run();
        }
    }

    @Test
    void aFinishedWithdrawalSendsItsStateAndCloses() throws Exception {
        Member m = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(m).amount(100).bankRejects("CARD_CLOSED").admit();
        awaitStatus(id, "FAILED");
        HttpResponse<java.util.stream.Stream<String>> response = open(m, id);
        List<String> data = CompletableFuture.supplyAsync(() -> response.body().filter(l -> l.startsWith("data:")).toList())
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(data.size(), equalTo(1));
        assertThat(data.get(0), containsString("\"status\":\"FAILED\""));
        assertThat(data.get(0), containsString("\"failureCode\":\"CARD_CLOSED\""));
    }

    @Test
    void anotherMembersWithdrawalIsNotFound() {
        Member owner = Fixtures.member().withHistory().create();
        Member other = Fixtures.member().withHistory().create();
        UUID id = Fixtures.withdrawal(owner).amount(100).admit();
        Api.as(other.memberNo()).accept("text/event-stream").get("/v1/withdrawals/" + id + "/events").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("WITHDRAWAL_NOT_FOUND"));
        Api.as(other.memberNo()).accept("text/event-stream").get("/v1/withdrawals/not-a-uuid/events").then()
                .statusCode(404).contentType("application/problem+json");
        RestAssured.given().accept("text/event-stream").get("/v1/withdrawals/" + id + "/events").then().statusCode(401);
    }

    private static HttpResponse<java.util.stream.Stream<String>> open(Member m, UUID id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/withdrawals/" + id + "/events"))
                .header("Authorization", "Bearer " + Api.token(m.memberNo()))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    }
}
