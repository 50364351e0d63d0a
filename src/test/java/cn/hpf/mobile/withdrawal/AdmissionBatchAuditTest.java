package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** One batch of admissions appends one audit row per admitted item, and none for the item it refused. */
@QuarkusTest
@TestProfile(AdmissionBatchTest.PatientWrites.class)
class AdmissionBatchAuditTest extends PayoutsPausedTest {

    private static final long AMOUNT = 50_000;

    @Inject
    AdmissionRepository admissions;

    @Inject
    MeterRegistry metrics;

    @Test
    void everyAdmittedItemOfABatchIsAuditedAndTheRefusedOneIsNot() throws Exception {
        List<Fixtures.Member> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(Fixtures.member(3_000_000));
        }
        Fixtures.Member twice = members.get(4);
        UUID reused = Fixtures.face(twice);
        assertThat(admissions.writesPending()).isZero();
        DistributionSummary sizes = metrics.get("hpf.admission.batch.items").summary();
        double itemsBefore = sizes.totalAmount();
        long batchesBefore = sizes.count();

        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try (Connection lock = Db.connect(); Statement sql = lock.createStatement()) {
            lock.setAutoCommit(false);
            sql.execute("LOCK TABLE payout_outbox IN SHARE MODE");
            for (int i = 0; i < 4; i++) {
                Fixtures.Member m = members.get(i);
                UUID face = Fixtures.face(m);
                answers.add(CompletableFuture.supplyAsync(
                        () -> post(m, body("PURCHASE", AMOUNT, m.cardId(), face)), clients));
                if (i == 1) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> admissions.writesPending() == 2);
                }
            }
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                    () -> post(twice, body("PURCHASE", AMOUNT, twice.cardId(), reused)), clients);
            CompletableFuture<Response> second = CompletableFuture.supplyAsync(
                    () -> post(twice, body("PURCHASE", AMOUNT + 1, twice.cardId(), reused)), clients);
            await().atMost(Duration.ofSeconds(30)).until(() -> admissions.writesPending() == 6);
            lock.rollback();

            for (CompletableFuture<Response> answer : answers) {
                answer.get().then().statusCode(201);
            }
            assertThat(List.of(first.get().statusCode(), second.get().statusCode()))
                    .containsExactlyInAnyOrder(201, 422);
        } finally {
            clients.shutdownNow();
        }
        // Two batches in flight, the four behind them in a third: batches of more than one item.
        assertThat(sizes.count() - batchesBefore).isEqualTo(3);
        assertThat(sizes.totalAmount() - itemsBefore).isEqualTo(6.0);

        for (Fixtures.Member m : members) {
            // Exactly the member's one withdrawal, with its amount, face verification and caller.
            assertThat(Db.queryString("SELECT string_agg(a.action || '|' || a.actor || '|' || a.channel || '|' "
                    + "|| a.amount_fen || '|' || (a.face_verification_id = w.face_verification_id) || '|' "
                    + "|| a.result || '|' || (a.client_address IS NOT NULL), ';') "
                    + "FROM audit_log a JOIN withdrawal w ON w.id::text = a.target WHERE a.member_id = " + m.id()))
                    .isEqualTo("WITHDRAWAL_ADMITTED|member:" + m.id() + "|APP|"
                            + Db.queryLong("SELECT amount_fen FROM withdrawal WHERE member_id = " + m.id())
                            + "|true|ACCEPTED|true");
        }
        assertThat(Db.queryLong("SELECT count(*) FROM audit_log WHERE member_id = " + twice.id())).isEqualTo(1);
    }
}
