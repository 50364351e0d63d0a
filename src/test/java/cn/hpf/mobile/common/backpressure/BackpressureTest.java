package cn.hpf.mobile.common.backpressure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A full route group answers 503 SERVICE_BUSY at once, and every way a request ends gives its slot back. */
@QuarkusTest
@TestProfile(BackpressureTest.TinyLimits.class)
class BackpressureTest {

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.backpressure.reads", "2", "hpf.backpressure.retry-after-seconds", "3");
        }
    }

    @Inject
    InFlightLimiter limiter;
    @Inject
    HeldRoute route;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** Far beyond any answer of a loaded machine; the held requests are held for longer than this. */
    private static final Duration SHED_WITHIN = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void releaseEverything() {
        route.releaseAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight(RouteGroup.READS) == 0);
    }

    @Test
    void beyondTheLimitAnswers503QuicklyAndTheCounterReturnsToZero() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(http.sendAsync(get(HeldRoute.HOLD), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> route.held() == 2);
        assertThat(limiter.inFlight(RouteGroup.READS)).isEqualTo(2);

        // Shed, not queued: the two held requests stay held until the end of this check, so a request queued behind
        // them (or waiting for a slot until some timeout) is not answered by the limiter within the bound, however
        // generous. The bound only stops the test from hanging; a loaded machine is far inside it.
        double rejectedBefore = rejected();
        HttpResponse<String> busy = http.send(get("/v1/me/account", SHED_WITHIN), HttpResponse.BodyHandlers.ofString());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(held).as("the held requests, answered only when the test lets them go").noneMatch(f -> f.isDone());
        assertThat(route.held()).isEqualTo(2);
        assertThat(rejected() - rejectedBefore).as("rejections counted by the limiter").isEqualTo(1);
        assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("3");
        JsonPath problem = JsonPath.from(busy.body());
        assertThat(problem.getString("code")).isEqualTo("SERVICE_BUSY");
        assertThat(problem.getInt("status")).isEqualTo(503);
        assertThat(problem.getString("instance")).isEqualTo("/v1/me/account");
        assertThat(limiter.inFlight(RouteGroup.READS)).as("a rejected request holds no slot").isEqualTo(2);

        // Other groups are bounded separately: a flood of reads does not block the calculator or the no-op.
        given().get("/v1/ping").then().statusCode(204);

        route.releaseAll();
        held.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight(RouteGroup.READS) == 0);
        given().get(HeldRoute.FAIL).then().statusCode(500);
        given().get("/v1/me/account").then().statusCode(401);
    }

    @Test
    void errorsReleaseTheirSlot() {
        for (int i = 0; i < 5; i++) {
            given().get(HeldRoute.FAIL).then().statusCode(500);
            given().get("/v1/me/account").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
            given().get("/v1/me/no-such-route").then().statusCode(404);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.inFlight(RouteGroup.READS) == 0);
    }

    @Test
    void aClientThatHangsUpReleasesItsSlot() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + HeldRoute.HOLD + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight(RouteGroup.READS) == 1);
        }
        // The held request never got an answer: only the closed connection can have freed the slot.
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight(RouteGroup.READS) == 0);
        assertThat(route.held()).isEqualTo(1);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
    }

    private HttpRequest get(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).GET().build();
    }

    private double rejected() {
        return registry.get("hpf.backpressure.rejected").tag("group", RouteGroup.READS.tag()).counter().count();
    }
}
