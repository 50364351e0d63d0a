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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Admissions that reach PostgreSQL while earlier ones are being written leave together, in one statement and one
 * commit, and each is still admitted or refused on its own: a refusal rolls back that admission alone.
 */
@QuarkusTest
@TestProfile(AdmissionBatchTest.PatientWrites.class)
class AdmissionBatchTest extends PayoutsPausedTest {

    /** The batches held back by the test must not reach their write timeout while the others arrive. */
    public static class PatientWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.db.statement-timeout", "PT40S", "hpf.admission.write-timeout", "PT41S",
                    "hpf.admission.hold-grace", "PT90S");
        }
    }

    private static final long AMOUNT = 100_000;

    @Inject
    AdmissionRepository admissions;

    @Inject
    MeterRegistry metrics;

    @Test
    void admissionsQueuedBehindABatchAreWrittenTogetherAndARefusalFailsOnlyItself() throws Exception {
        List<Fixtures.Member> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(Fixtures.member(3_000_000));
        }
        // Two requests of one member with one verification, under two keys: both pass every check before the
        // statement (the verification is usable when each is read), and both leave in the same batch.
        Fixtures.Member twice = members.get(9);
        UUID reused = Fixtures.face(twice);
        assertThat(admissions.writesPending()).isZero();
        DistributionSummary sizes = metrics.get("hpf.admission.batch.items").summary();
        long batchesBefore = sizes.count();
        double itemsBefore = sizes.totalAmount();

        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try (Connection lock = Db.connect(); Statement sql = lock.createStatement()) {
            // Every batch inserts into the payout outbox: while this lock is held, the batches in flight wait and
            // the admissions behind them queue.
            lock.setAutoCommit(false);
            sql.execute("LOCK TABLE payout_outbox IN SHARE MODE");
            for (int i = 0; i < 9; i++) {
                Fixtures.Member m = members.get(i);
                UUID face = Fixtures.face(m);
                answers.add(CompletableFuture.supplyAsync(
                        () -> post(m, body("PURCHASE", AMOUNT, m.cardId(), face)), clients));
                if (i == 1) {
                    // The first two are one batch each, in flight; everything after them queues.
                    await().atMost(Duration.ofSeconds(30)).until(() -> admissions.writesPending() == 2);
                }
            }
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                    () -> post(twice, body("PURCHASE", AMOUNT, twice.cardId(), reused)), clients);
            CompletableFuture<Response> second = CompletableFuture.supplyAsync(
                    () -> post(twice, body("PURCHASE", AMOUNT + 1, twice.cardId(), reused)), clients);
            await().atMost(Duration.ofSeconds(30)).until(() -> admissions.writesPending() == 11);
            lock.rollback();

            for (CompletableFuture<Response> answer : answers) {
                answer.get().then().statusCode(201);
            }
            List<Integer> statuses = List.of(first.get().statusCode(), second.get().statusCode());
            assertThat(statuses).containsExactlyInAnyOrder(201, 422);
            Response refused = first.get().statusCode() == 422 ? first.get() : second.get();
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("code")).isEqualTo("FACE_VERIFICATION_USED");
        } finally {
            clients.shutdownNow();
        }

        // The first two went at once, one per batch in flight; the nine behind them left together.
        assertThat(sizes.count() - batchesBefore).isEqualTo(3);
        assertThat(sizes.totalAmount() - itemsBefore).isEqualTo(11.0);
        for (Fixtures.Member m : members.subList(0, 9)) {
            assertThat(Fixtures.held(m)).isEqualTo(AMOUNT);
        }
        // Nothing of the refused admission was written: one hold and one withdrawal.
        assertThat(Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = " + twice.id())).isEqualTo(1);
        assertThat(Db.queryLong("SELECT held_fen FROM account WHERE member_id = " + twice.id())).isEqualTo(
                Db.queryLong("SELECT amount_fen FROM withdrawal WHERE member_id = " + twice.id()));
        // Every admitted item of a batch appended its audit row in the same statement (its amount, face verification
        // and caller); the refused item appended none.
        for (Fixtures.Member m : members) {
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
