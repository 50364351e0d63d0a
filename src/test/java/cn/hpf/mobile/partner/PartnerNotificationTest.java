package cn.hpf.mobile.partner;

import static cn.hpf.mobile.partner.PartnerMoneyTest.face;
import static cn.hpf.mobile.partner.PartnerMoneyTest.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.NotificationReceiver;
import cn.hpf.partner.client.PartnerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications: at least once, retried on the schedule (compressed in tests: 0.2 s, 0.4 s, 0.8 s) until any 2xx
 * within the timeout, then FAILED; every attempt in the operators' log; events of one withdrawal in order with
 * one terminal event; the feed for what a partner missed.
 */
@QuarkusTest
class PartnerNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PayoutDispatcher payouts;

    @AfterEach
    void payoutsFlow() {
        payouts.resume();
    }

    @Test
    void aReceiverThatFailsTheFirstAttemptsGetsTheEventUntilItAcknowledgesThenNothingMore() {
        try (NotificationReceiver receiver = NotificationReceiver.answering(n -> n <= 2 ? 500 : 200)) {
            Fixtures.Partner p = Fixtures.partner(receiver.url(), 1000);
            payouts.pause(); // one event only: ACCEPTED
            String id = withdraw(p, Fixtures.member(500_000));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received().size() == 3);
            List<Map<String, Object>> log = log(p, id);
            assertThat(log).hasSize(3);
            assertThat(log).extracting(a -> a.get("httpStatus")).containsExactly(500, 500, 200);
            assertThat(deliveryStatus(p, id)).isEqualTo("DELIVERED");
            assertThat(receiver.received()).extracting(r -> eventId(r)).containsOnly(eventId(receiver.received().get(0)));
        }
    }

    @Test
    void aReceiverDownForLongSeesTheWholeScheduleThenFailedAndAReplayDeliversTheSameEvent() {
        try (NotificationReceiver receiver = NotificationReceiver.answering(n -> 503)) {
            Fixtures.Partner p = Fixtures.partner(receiver.url(), 1000);
            payouts.pause();
            String id = withdraw(p, Fixtures.member(500_000));
            await().atMost(Duration.ofSeconds(15)).until(() -> "FAILED".equals(deliveryStatus(p, id)));
            List<Map<String, Object>> log = log(p, id);
            assertThat(log).hasSize(4).allSatisfy(a -> assertThat(a.get("httpStatus")).isEqualTo(503));
            List<OffsetDateTime> at = log.stream().map(a -> OffsetDateTime.parse((String) a.get("at"))).toList();
            long[] expectedMillis = {200, 400, 800};
            for (int i = 1; i < at.size(); i++) {
                assertThat(Duration.between(at.get(i - 1), at.get(i)).toMillis()).as("wait before attempt " + (i + 1))
                        .isGreaterThanOrEqualTo(expectedMillis[i - 1]);
            }

            receiver.answer(n -> 200);
            String eventId = (String) deliveries(p).stream().filter(d -> id.equals(entityOf(d))).findFirst()
                    .orElseThrow().get("eventId");
            Api.asOperator().post("/v1/ops/deliveries/" + eventId + "/replay").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveryStatus(p, id)));
            assertThat(eventId(receiver.received().get(receiver.received().size() - 1))).isEqualTo(eventId);
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsTriedAgain() {
        try (NotificationReceiver receiver = NotificationReceiver.answering(n -> n == 1 ? NotificationReceiver.HANG : 200)) {
            Fixtures.Partner p = Fixtures.partner(receiver.url(), 1000);
            payouts.pause();
            String id = withdraw(p, Fixtures.member(500_000));
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(deliveryStatus(p, id)));
            List<Map<String, Object>> log = log(p, id);
            assertThat(log).hasSize(2);
            assertThat(log.get(0).get("httpStatus")).isNull();
            assertThat((String) log.get(0).get("error")).containsIgnoringCase("timeout");
            assertThat(log.get(1).get("httpStatus")).isEqualTo(200);
        }
    }

    @Test
    void eventsOfOneWithdrawalArriveInOrderWithOneTerminalAndTheFeedCatchesUpAfterMissedDeliveries()
            throws IOException {
        try (NotificationReceiver receiver = NotificationReceiver.acknowledging()) {
            Fixtures.Partner p = Fixtures.partner(receiver.url(), 1000);
            withdraw(p, Fixtures.member(500_000));
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.text().contains("\"PAID\"")));
            List<String> statuses = new ArrayList<>();
            for (NotificationReceiver.Received r : receiver.received()) {
                statuses.add(JSON.readTree(r.body()).path("data").path("status").asText());
            }
            assertThat(statuses).containsExactly("ACCEPTED", "PAYING", "PAID");
        }
        try (NotificationReceiver down = NotificationReceiver.answering(n -> 503)) {
            Fixtures.Partner p = Fixtures.partner(down.url(), 1000);
            String id = withdraw(p, Fixtures.member(500_000));
            await().atMost(Duration.ofSeconds(15)).until(() -> feed(p, 0).path("items").size() == 3);
            JsonNode page = feed(p, 0);
            List<Long> sequences = page.path("items").findValues("sequence").stream().map(JsonNode::asLong).toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            List<String> statuses = page.path("items").findValues("status").stream().map(JsonNode::asText).toList();
            assertThat(statuses).containsExactly("ACCEPTED", "PAYING", "PAID");
            assertThat(page.path("items").findValuesAsText("id")).containsOnly(id);
            long next = page.path("nextAfter").asLong();
            assertThat(next).isEqualTo(sequences.get(2));
            JsonNode after = feed(p, next);
            assertThat(after.path("items").size()).isZero();
            assertThat(after.path("nextAfter").asLong()).isEqualTo(next);
        }
    }

    private static String withdraw(Fixtures.Partner p, Fixtures.Member m) {
        String token = p.token(m, "withdrawal");
        PartnerClient.Reply r = p.client().post("/partner/v1/withdrawals", withdrawal(m.cardId(),
                face(p, token, "WITHDRAWAL", "PASS-" + UUID.randomUUID()), "N" + m.id(), 10_000), token);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static JsonNode feed(Fixtures.Partner p, long after) {
        PartnerClient.Reply r = p.client().get("/partner/v1/events?after=" + after, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.verified()).isTrue();
        return r.json();
    }

    private static List<Map<String, Object>> deliveries(Fixtures.Partner p) {
        JsonPath j = Api.asOperator().get("/v1/ops/channels/" + p.appId() + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
        return j.getList("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> log(Fixtures.Partner p, String withdrawalId) {
        return deliveries(p).stream().filter(d -> withdrawalId.equals(entityOf(d))).findFirst()
                .map(d -> (List<Map<String, Object>>) d.get("log")).orElse(List.of());
    }

    private static String deliveryStatus(Fixtures.Partner p, String withdrawalId) {
        return deliveries(p).stream().filter(d -> withdrawalId.equals(entityOf(d))).findFirst()
                .map(d -> (String) d.get("status")).orElse(null);
    }

    private static String entityOf(Map<String, Object> delivery) {
        return (String) delivery.get("entityId");
    }

    private static String eventId(NotificationReceiver.Received r) {
        try {
            return JSON.readTree(r.body()).path("eventId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
