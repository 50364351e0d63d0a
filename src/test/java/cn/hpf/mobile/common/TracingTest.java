package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.RecordedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With tracing on, a withdrawal's id is on the spans of its admission, its payout and its partner notification. */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    // Spans go to the in-memory exporter only; no collector is asked.
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1",
                    "quarkus.otel.bsp.schedule.delay", "PT0.05S");
        }
    }

    @Inject
    RecordedSpans spans;

    @Test
    void theWithdrawalIdIsOnTheAdmissionAndPayoutSpans() {
        Member m = Fixtures.member().balance(1_000_000).create();
        UUID face = Fixtures.face(m);
        String id = m.api().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", "PURCHASE", "amountFen", 1_000, "bankCardId", m.cardId(),
                        "faceVerificationId", face.toString()))
                .post("/v1/withdrawals").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> tagged = spans.exporter().getFinishedSpanItems().stream()
                    .filter(s -> id.equals(s.getAttributes().get(Tracing.WITHDRAWAL_ID))).toList();
            assertThat(tagged).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(s.getName()).contains("/v1/withdrawals");
            });
            assertThat(tagged).anySatisfy(s -> assertThat(s.getName()).isEqualTo("payout"));
        });
    }
}
