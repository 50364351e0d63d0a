package cn.hpf.mobile.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.NotificationReceiver;
import cn.hpf.partner.client.PartnerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Money through a partner: the same admission and prepayment, every rule unchanged, outBizNo as the key. */
@QuarkusTest
class PartnerMoneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWholeWithdrawalThroughAPartnerEndToEndWithItsNotificationVerifiedByThePartner() throws Exception {
        try (NotificationReceiver receiver = NotificationReceiver.acknowledging()) {
            Fixtures.Partner p = Fixtures.partner(receiver.url(), 1000);
            Fixtures.Member m = Fixtures.member(500_000);
            String token = p.token(m, "account", "withdrawal");

            PartnerClient.Reply cards = p.client().get("/partner/v1/bank-cards", token);
            assertThat(cards.status()).isEqualTo(200);
            long card = cards.json().path("items").get(0).path("id").asLong();
            String face = face(p, token, "WITHDRAWAL", "PASS-" + UUID.randomUUID());
            String outBizNo = "ALI" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            Map<String, Object> body = withdrawal(card, face, outBizNo, 120_000);

            PartnerClient.Reply created = p.client().post("/partner/v1/withdrawals", body, token);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.verified()).isTrue();
            String id = created.json().path("id").asText();
            assertThat(created.json().path("outBizNo").asText()).isEqualTo(outBizNo);
            assertThat(Db.queryString("SELECT channel || '/' || app_id || '/' || out_biz_no FROM withdrawal WHERE id = '"
                    + id + "'")).isEqualTo("PARTNER/" + p.appId() + "/" + outBizNo);

            // The same outBizNo and body: the first answer. Another body: refused.
            PartnerClient.Reply replay = p.client().post("/partner/v1/withdrawals", body, token);
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.text()).isEqualTo(created.text());
            PartnerClient.Reply reused = p.client().post("/partner/v1/withdrawals",
                    withdrawal(card, face(p, token, "WITHDRAWAL", "PASS-" + UUID.randomUUID()), outBizNo, 1_000), token);
            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

            // The payout is notified: signed, verified by the partner client, PAID in the end.
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.text().contains("\"PAID\"") && r.text().contains(id)));
            for (NotificationReceiver.Received r : receiver.received()) {
                assertThat(p.client().verifyNotification(r.headers(), r.body())).isTrue();
            }
            JsonNode paid = JSON.readTree(receiver.received().stream().filter(r -> r.text().contains("\"PAID\""))
                    .findFirst().orElseThrow().body());
            assertThat(paid.path("type").asText()).isEqualTo("withdrawal.status_changed");
            assertThat(paid.path("data").path("outBizNo").asText()).isEqualTo(outBizNo);
            assertThat(paid.path("data").path("amountFen").asLong()).isEqualTo(120_000);

            assertThat(p.client().get("/partner/v1/withdrawals/" + id, token).json().path("status").asText())
                    .isEqualTo("PAID");
            PartnerClient.Reply found = p.client().get("/partner/v1/withdrawals?outBizNo=" + outBizNo, token);
            assertThat(found.json().path("items").get(0).path("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void anOutBizNoIsUniquePerAppAcrossMembersAndAFailedCertificationAuthorizesNothing() {
        Fixtures.Partner p = Fixtures.partner();
        Fixtures.Member a = Fixtures.member(500_000);
        Fixtures.Member b = Fixtures.member(500_000);
        String ta = p.token(a, "withdrawal");
        String tb = p.token(b, "withdrawal");
        String outBizNo = "SHARED-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(p.client().post("/partner/v1/withdrawals",
                withdrawal(a.cardId(), face(p, ta, "WITHDRAWAL", "PASS-" + UUID.randomUUID()), outBizNo, 1_000), ta)
                .status()).isEqualTo(201);
        PartnerClient.Reply other = p.client().post("/partner/v1/withdrawals",
                withdrawal(b.cardId(), face(p, tb, "WITHDRAWAL", "PASS-" + UUID.randomUUID()), outBizNo, 1_000), tb);
        assertThat(other.status()).as(other.text()).isEqualTo(422);
        assertThat(other.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(Fixtures.held(b)).as("nothing held for b").isZero();

        PartnerClient.Reply failed = p.client().post("/partner/v1/face-verifications",
                Map.of("purpose", "WITHDRAWAL", "certifyId", "DENY-" + UUID.randomUUID()), tb);
        assertThat(failed.status()).isEqualTo(201);
        assertThat(failed.json().path("status").asText()).isEqualTo("FAILED");
        PartnerClient.Reply refused = p.client().post("/partner/v1/withdrawals",
                withdrawal(b.cardId(), failed.json().path("id").asText(), "DENIED-1", 1_000), tb);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("code").asText()).isEqualTo("FACE_VERIFICATION_REQUIRED");
    }

    @Test
    void aPrepaymentThroughAPartnerAndTheCalculatorWithoutAMember() {
        Fixtures.Partner p = Fixtures.partner();
        Fixtures.Member m = Fixtures.member().balance(5_000_000).create();
        long loan = Fixtures.loan(m.id(), 30_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0, false);
        String token = p.token(m, "loans");
        assertThat(p.client().get("/partner/v1/loans", token).json().findValuesAsText("id")).contains(Long.toString(loan));
        PartnerClient.Reply quote = p.client().post("/partner/v1/loans/" + loan + "/prepayment-quotes",
                Map.of("amountFen", 1_000_000, "mode", "REDUCE_PAYMENT"), token);
        assertThat(quote.status()).as(quote.text()).isEqualTo(201);
        String face = face(p, token, "PREPAYMENT", "PASS-" + UUID.randomUUID());
        PartnerClient.Reply paid = p.client().post("/partner/v1/loans/" + loan + "/prepayments",
                Map.of("quoteId", quote.json().path("id").asText(), "source", "HPF_BALANCE",
                        "faceVerificationId", face, "outBizNo", "PRE-" + loan), token);
        assertThat(paid.status()).as(paid.text()).isEqualTo(201);
        assertThat(paid.json().path("outBizNo").asText()).isEqualTo("PRE-" + loan);
        assertThat(Db.queryString("SELECT channel || '/' || app_id FROM prepayment WHERE loan_id = " + loan))
                .isEqualTo("PARTNER/" + p.appId());
        assertThat(Db.queryLong("SELECT count(*) FROM channel_event WHERE app_id = '" + p.appId()
                + "' AND type = 'prepayment.status_changed'")).isEqualTo(1);

        PartnerClient.Reply calc = p.client().get("/partner/v1/calculator/monthly-payment?principalFen=100000000"
                + "&annualRate=0.031&termMonths=360&method=EQUAL_INSTALMENT", null);
        assertThat(calc.status()).isEqualTo(200);
        assertThat(calc.json().path("firstPaymentFen").asLong()).isPositive();
        Fixtures.Partner noCalculator = Fixtures.partner("account");
        assertThat(noCalculator.client().get("/partner/v1/calculator/monthly-payment?principalFen=100000000"
                + "&annualRate=0.031&termMonths=360&method=EQUAL_INSTALMENT", null).status()).isEqualTo(403);
    }

    static String face(Fixtures.Partner p, String token, String purpose, String certifyId) {
        PartnerClient.Reply r = p.client().post("/partner/v1/face-verifications",
                Map.of("purpose", purpose, "certifyId", certifyId), token);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("status").asText()).isEqualTo("PASSED");
        return r.json().path("id").asText();
    }

    static Map<String, Object> withdrawal(long card, String face, String outBizNo, long amountFen) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "PURCHASE");
        body.put("amountFen", amountFen);
        body.put("bankCardId", card);
        body.put("faceVerificationId", face);
        body.put("outBizNo", outBizNo);
        return body;
    }
}
