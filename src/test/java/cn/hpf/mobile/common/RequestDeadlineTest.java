package cn.hpf.mobile.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.chaos.FaultProxy.Mode;
import cn.hpf.mobile.support.chaos.FaultProxyResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request backstop, with a deadline shorter than the read timeout so that it is what answers while PostgreSQL
 * stalls: 503 problem+json within the deadline, SERVICE_BUSY for a read, OUTCOME_UNKNOWN for a write (which may
 * still take effect), counted; a retry with the same key afterwards gets a coherent answer.
 */
@QuarkusTest
@TestProfile(RequestDeadlineTest.ShortDeadline.class)
class RequestDeadlineTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.http.request-deadline", "PT1S", "hpf.db.read-timeout", "PT5S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FaultProxyResource.class));
        }
    }

    @Inject
    PayoutDispatcher dispatcher;

    @BeforeEach
    void warmUp() {
        dispatcher.pause();
        given().get("/v1/ping").then().statusCode(204);
    }

    @AfterEach
    void pass() {
        FaultProxyResource.set("pg", Mode.PASS);
        dispatcher.resume();
    }

    @Test
    void aRequestWithoutAnAnswerByTheDeadlineIsAnswered503AtOnce() {
        Fixtures.Member m = Fixtures.member().balance(500_000).create();
        Map<String, Object> body = Map.of("category", "PURCHASE", "amountFen", 10_000, "bankCardId", m.cardId(),
                "faceVerificationId", Fixtures.face(m).toString());
        String key = UUID.randomUUID().toString();
        m.token();

        FaultProxyResource.set("pg", Mode.STALL);
        long start = System.nanoTime();
        Response read = m.api().get("/v1/me/statements");
        long readMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Response write = post(m, key, body);
        long writeMillis = (System.nanoTime() - start) / 1_000_000;
        FaultProxyResource.set("pg", Mode.PASS);

        assertThat(readMillis).as("answered at the deadline").isBetween(900L, 2_500L);
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(read.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(read.jsonPath().getString("code")).isEqualTo("SERVICE_BUSY");
        assertThat(read.header("Retry-After")).isEqualTo("1");

        assertThat(writeMillis).as("answered at the deadline").isBetween(900L, 2_500L);
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(write.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(write.jsonPath().getString("code")).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(write.header("Retry-After")).isNotNull();

        // The attempt went on after the answer: a retry gets 409 while it runs, then one answer.
        await().atMost(Duration.ofSeconds(20)).until(() -> post(m, key, body).statusCode() == 201);
        assertThat(Fixtures.withdrawals(m)).isEqualTo(1L);
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("hpf_deadline_exceeded_total\\{[^}]*where=\"request\"[^}]*} [2-9]");
    }

    private static Response post(Fixtures.Member m, String key, Map<String, Object> body) {
        return m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/withdrawals");
    }
}
