package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isIn;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdmissionConcurrencyTest extends PayoutsPausedTest {

    private static final long AMOUNT = 10_000;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(50);

    @Inject
    RedisTestClient redisTest;
    @Inject
    RedisDataSource redis;
    @Inject
    MemberHolds holds;
    @Inject
    DailyBudget budget;
    @Inject
    HoldRecovery recovery;
    @Inject
    AdmissionLimits limits;
    @Inject
    AdmissionConfig config;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void fiftyConcurrentWithdrawalsAdmitExactlyWhatTheBalanceCovers() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        List<Map<String, Object>> bodies = bodies(m, 50);
        List<Response> answers = concurrently(50, i -> post(m, bodies.get(i)));

        assertThat(count(answers, 201), equalTo(10L));
        assertThat(count(answers, 422), equalTo(40L));
        assertThat(answers.stream().filter(r -> r.statusCode() == 422).map(r -> r.jsonPath().getString("code")).toList(),
                everyItem(equalTo("INSUFFICIENT_BALANCE")));
        assertThat(Fixtures.withdrawals(m), equalTo(10L));
        assertThat(Fixtures.held(m), equalTo(10 * AMOUNT));
        assertThat(Db.queryLong("SELECT count(*) FROM face_verification WHERE member_id = " + m.id()
                + " AND status = 'CONSUMED'"), equalTo(10L));
        assertThat(available(m), equalTo(0L));
        assertThat(pending(m.id()), equalTo(0L));

        // Then the payouts: each of the ten is paid once and the ledger adds up to the fen.
        dispatcher.resume();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Db.queryLong(
                "SELECT count(*) FROM withdrawal WHERE status IN ('ACCEPTED', 'PAYING') AND member_id = " + m.id()) == 0);
        assertThat(Db.queryLong("SELECT count(*) FROM withdrawal WHERE status = 'PAID' AND member_id = " + m.id()),
                equalTo(10L));
        assertThat(Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id()), equalTo(0L));
        assertThat(Fixtures.held(m), equalTo(0L));
        assertThat(Db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = " + m.id()), equalTo(0L));
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND member_id = " + m.id()),
                equalTo(10L));
        assertThat(Db.queryLong("SELECT coalesce(sum(p.pay_calls), 0) FROM sandbox_bank_payment p JOIN withdrawal w "
                + "ON w.id = p.withdrawal_id WHERE w.member_id = " + m.id()), equalTo(10L));
    }

    @Test
    void aRetryStormOnOneKeyMakesOneWithdrawalAndReplaysItByteForByte() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        Map<String, Object> body = loanRepayment(m);
        String key = "storm-" + UUID.randomUUID();
        List<Response> answers = concurrently(30, i -> post(m, key, body));

        assertThat(answers.stream().map(r -> r.statusCode() + " " + r.asString()).toList().toString(),
                answers.stream().map(Response::statusCode).toList(), everyItem(isIn(List.of(201, 409))));
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
        assertThat(Fixtures.held(m), equalTo(AMOUNT));
        String first = answers.stream().filter(r -> r.statusCode() == 201 && r.header("Idempotent-Replayed") == null)
                .findFirst().orElseThrow().asString();
        for (Response r : answers) {
            if (r.statusCode() == 201 && r.header("Idempotent-Replayed") != null) {
                assertThat(r.asString(), equalTo(first));
            }
        }
        Response replay = post(m, key, body);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString(), equalTo(first));

        Map<String, Object> other = new java.util.LinkedHashMap<>(body);
        other.put("amountFen", AMOUNT + 1);
        post(m, key, other).then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
    }

    @Test
    void oneFaceVerificationSentConcurrentlyAuthorizesOneWithdrawal() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        UUID face = Fixtures.face(m);
        List<Response> answers = concurrently(10, i -> post(m, body("LOAN_REPAYMENT", AMOUNT, null, face)));

        assertThat(count(answers, 201), equalTo(1L));
        assertThat(answers.stream().filter(r -> r.statusCode() != 201).map(r -> r.jsonPath().getString("code")).toList(),
                everyItem(equalTo("FACE_VERIFICATION_USED")));
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
        assertThat(available(m), equalTo(9 * AMOUNT));
    }

    @Test
    void redisFlushedMidRunNeverOverAdmitsAndIsRebuilt() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        List<Map<String, Object>> bodies = bodies(m, 40);
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> flusher = POOL.submit(() -> {
            for (int i = 0; i < 5 && running.get(); i++) {
                sleep(40);
                redisTest.flushDb();
            }
        });
        List<Response> answers = concurrently(40, i -> post(m, bodies.get(i)));
        running.set(false);
        flusher.get();

        long accepted = count(answers, 201);
        assertThat(accepted, lessThanOrEqualTo(10L));
        assertThat(answers.stream().map(Response::statusCode).toList(), everyItem(isIn(List.of(201, 422, 503))));
        assertThat(Fixtures.withdrawals(m), equalTo(accepted));
        assertThat(Fixtures.held(m), equalTo(accepted * AMOUNT));

        // Rebuilt: Redis agrees with PostgreSQL, and exactly the rest of the balance can still be admitted.
        assertThat(available(m), equalTo((10 - accepted) * AMOUNT));
        for (long i = accepted; i < 10; i++) {
            post(m, loanRepayment(m)).then().statusCode(201);
        }
        post(m, loanRepayment(m)).then().statusCode(422).body("code", equalTo("INSUFFICIENT_BALANCE"));
        assertThat(Fixtures.held(m), equalTo(10 * AMOUNT));
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        long redisBudget = 0;
        for (int s = 0; s < config.budgetShards(); s++) {
            // A flush may land after the last admission; a missing counter is rebuilt from PostgreSQL on next use.
            // A flush may land after the last admission, and one may have reserved on a shard, been flushed, and
            // committed after the counter was rebuilt: the repair (periodic, or on a missing counter) fixes both.
            budget.repair(today, s, false).await().atMost(java.time.Duration.ofSeconds(5));
            long used = redis.execute("GET", AdmissionKeys.budget(today, s).get(0)).toLong();
            long pg = Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE budget_day = '" + today
                    + "' AND budget_shard = " + s + " AND status <> 'FAILED' AND NOT settled_internally");
            assertThat("shard " + s + " agrees with PostgreSQL", used, equalTo(pg));
            redisBudget += used;
        }
        assertThat(redisBudget, greaterThanOrEqualTo(10 * AMOUNT));
    }

    @Inject
    cn.hpf.mobile.account.AccountRepository accountRows;

    @Test
    void anAccountHashRecreatedWhileHoldsSurviveCountsThemAsPending() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        long before = available(m);
        String account = AdmissionKeys.member(m.id()).get(0);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long now = System.currentTimeMillis();
        holds.hold(new HoldPlacement.Request(m.id(), a, 3 * AMOUNT, now, false, false, CategoryCap.NONE, "", null)).await().indefinitely();
        holds.hold(new HoldPlacement.Request(m.id(), b, 2 * AMOUNT, now, false, false, CategoryCap.NONE, "", null)).await().indefinitely();

        // Only the account hash is lost (eviction, partial loss); the holds hash survives.
        redis.execute("DEL", account);
        assertThat("the refill counts the surviving holds", available(m), equalTo(before - 5 * AMOUNT));
        assertThat(redisTest.hget(account, "pending"), equalTo(Long.toString(5 * AMOUNT)));

        // Lost again, and this time the settle script recreates it.
        redis.execute("DEL", account);
        holds.settle(b, accountRows.find(m.id()).await().indefinitely()).await().indefinitely();
        assertThat(redisTest.hget(account, "pending"), equalTo(Long.toString(3 * AMOUNT)));

        holds.release(m.id(), a).await().indefinitely();
        assertThat(redisTest.hget(account, "pending"), equalTo("0"));
        assertThat(available(m), equalTo(before));
    }

    @Test
    void theBudgetRebuildIgnoresPrepaymentsSettledFromTheHpfBalance() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        int shard = config.budgetShards() - 1;
        // A prepayment settled inside the centre: it never went to the bank, so it used no payout budget.
        Db.exec("INSERT INTO withdrawal (id, member_id, category, amount_fen, loan_id, face_verification_id, status, "
                + "budget_day, budget_shard, channel, actor, settled_internally) VALUES ('" + UUID.randomUUID() + "', "
                + m.id() + ", 'LOAN_REPAYMENT', " + 7 * AMOUNT + ", " + m.loanId() + ", '" + Fixtures.face(m)
                + "', 'PAID', '" + today + "', " + shard + ", 'APP', 'test', true)");
        redis.execute("DEL", AdmissionKeys.budget(today, shard).get(0));

        budget.repair(today, shard, true).await().indefinitely();

        long paidOut = Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE budget_day = '" + today
                + "' AND budget_shard = " + shard + " AND status <> 'FAILED' AND NOT settled_internally");
        assertThat(redis.execute("GET", AdmissionKeys.budget(today, shard).get(0)).toLong(), equalTo(paidOut));
        assertThat("the PostgreSQL row agrees", Db.queryLong("SELECT coalesce(sum(reserved_fen), 0) FROM "
                + "payout_budget_shard WHERE budget_day = '" + today + "' AND shard = " + shard), equalTo(paidOut));
    }

    @Test
    void anAmountNoShardCanEverTakeIsRefusedAsSuchNotAsAnExhaustedBudget() {
        long aboveOneShard = todaysTerms().largestShareFen() + 1;
        Fixtures.Member m = Fixtures.member().balance(aboveOneShard + AMOUNT).loan(90_000_000_000L).create();
        long before = available(m);
        UUID face = Fixtures.face(m);

        post(m, body("LOAN_REPAYMENT", aboveOneShard, null, face)).then().statusCode(422)
                .body("code", equalTo("AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT")).body("field", equalTo("amountFen"));

        assertThat(Fixtures.withdrawals(m), equalTo(0L));
        assertThat("nothing held", available(m), equalTo(before));
        // A smaller amount with the same verification still goes through.
        post(m, body("LOAN_REPAYMENT", AMOUNT, null, face)).then().statusCode(201);
    }

    @Inject
    CategoryCatalog catalog;

    @Test
    void aRetryIsAnsweredFromRedisAndStillReplaysWhenRedisHasForgottenTheAnswer() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        Map<String, Object> body = loanRepayment(m);
        String key = UUID.randomUUID().toString();
        String first = post(m, key, body).then().statusCode(201).extract().asString();
        List<String> idemKeys = redisTest.keys("{m:" + m.id() + "}:idem:*");
        assertThat(idemKeys.size(), equalTo(1));
        assertThat("the committed answer is kept for retries",
                redis.value(String.class).get(idemKeys.get(0)).startsWith("A"), is(true));
        Response fromRedis = post(m, key, body);
        fromRedis.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(fromRedis.asString(), equalTo(first));

        redis.key().del(idemKeys.get(0)); // as after a flush, an eviction or the cache's expiry
        Response fromPostgres = post(m, key, body);
        fromPostgres.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(fromPostgres.asString(), equalTo(first));
        Map<String, Object> other = new java.util.LinkedHashMap<>(body);
        other.put("amountFen", AMOUNT + 1);
        post(m, key, other).then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
        assertThat(Fixtures.held(m), equalTo(AMOUNT));
        assertThat("PostgreSQL's answer is kept in Redis again, no lease is left behind",
                redis.value(String.class).get(idemKeys.get(0)).startsWith("A"), is(true));
    }

    @Test
    void aRetryAfterTheCategoryWasDisabledGetsTheStoredAnswer() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        Map<String, Object> body = loanRepayment(m);
        String key = UUID.randomUUID().toString();
        String id = post(m, key, body).then().statusCode(201).extract().jsonPath().getString("id");
        try {
            Db.exec("UPDATE withdrawal_category SET enabled = false WHERE code = 'LOAN_REPAYMENT'");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                    !catalog.all().await().indefinitely().containsKey("LOAN_REPAYMENT"));
            post(m, loanRepayment(m)).then().statusCode(400).body("field", equalTo("category"));

            post(m, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                    .body("id", equalTo(id));
        } finally {
            Db.exec("UPDATE withdrawal_category SET enabled = true WHERE code = 'LOAN_REPAYMENT'");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                    catalog.all().await().indefinitely().containsKey("LOAN_REPAYMENT"));
        }
    }

    @Test
    void anOrphanRedisHoldIsReleasedByRecovery() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        long before = available(m);
        UUID orphan = UUID.randomUUID();
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        // What a crash between the Redis steps and the PostgreSQL write leaves behind, two minutes ago.
        TestClock.shift(java.time.Duration.ofSeconds(-120));
        int shard;
        try {
            shard = budget.reserve(todaysTerms(), orphan, 3 * AMOUNT, m.id(), -1).await().indefinitely();
            holds.hold(new HoldPlacement.Request(m.id(), orphan, 3 * AMOUNT, System.currentTimeMillis() - 120_000, false, false, CategoryCap.NONE,
                    "", null)).await().indefinitely();
        } finally {
            TestClock.reset();
        }
        long budgetUsed = redis.execute("GET", AdmissionKeys.budget(today, shard).get(0)).toLong();
        assertThat(available(m), equalTo(before - 3 * AMOUNT));

        // A fresh hold (inside the grace period) is left alone.
        UUID young = UUID.randomUUID();
        holds.hold(new HoldPlacement.Request(m.id(), young, AMOUNT, System.currentTimeMillis(), false, false, CategoryCap.NONE, "", null))
                .await().indefinitely();

        int recovered = recovery.pass().await().indefinitely();
        assertThat(recovered, greaterThan(0));
        assertThat(available(m), equalTo(before - AMOUNT));
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(1), orphan.toString()), nullValue());
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(1), young.toString()), notNullValue());
        assertThat(redis.execute("GET", AdmissionKeys.budget(today, shard).get(0)).toLong(),
                equalTo(budgetUsed - 3 * AMOUNT));
        assertThat(Fixtures.held(m), equalTo(0L));
        holds.release(m.id(), young).await().indefinitely();
        assertThat(available(m), equalTo(before));
    }

    @Test
    void anExhaustedBudgetIs503WithRetryAfterAndReleasesTheHoldButACounterThatOnlyRedisThinksFullRefusesNothing() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        post(m, loanRepayment(m)).then().statusCode(201); // counters exist
        List<Long> saved = new ArrayList<>();
        BudgetTerms terms = todaysTerms();
        for (int s = 0; s < config.budgetShards(); s++) {
            saved.add(Db.queryLong("SELECT coalesce((SELECT reserved_fen FROM payout_budget_shard WHERE budget_day = '"
                    + today + "' AND shard = " + s + "), 0)"));
            Db.exec("INSERT INTO payout_budget_shard (budget_day, shard, reserved_fen, limit_fen) VALUES ('" + today
                    + "', " + s + ", " + (terms.shardLimitFen(s) - AMOUNT + 1) + ", " + terms.shardLimitFen(s)
                    + ") ON CONFLICT (budget_day, shard) DO UPDATE SET reserved_fen = EXCLUDED.reserved_fen");
            budget.repair(today, s, false).await().indefinitely();
        }
        try {
            long before = available(m);
            Response r = post(m, loanRepayment(m));
            r.then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
            assertThat(Integer.parseInt(r.header("Retry-After")), greaterThan(0));
            assertThat(available(m), equalTo(before));
            assertThat(pending(m.id()), equalTo(0L));
            assertThat(Fixtures.withdrawals(m), equalTo(1L));
        } finally {
            for (int s = 0; s < config.budgetShards(); s++) {
                Db.exec("UPDATE payout_budget_shard SET reserved_fen = " + saved.get(s) + " WHERE budget_day = '"
                        + today + "' AND shard = " + s);
            }
        }
        // Redis still believes every shard full; PostgreSQL does not: before refusing, the counters are repaired
        // (at most once a second per replica, so a flood on an exhausted day costs PostgreSQL next to nothing).
        TestClock.shift(java.time.Duration.ofSeconds(2));
        try {
            post(m, loanRepayment(m)).then().statusCode(201);
        } finally {
            TestClock.reset();
        }
        // Lost counters are rebuilt from PostgreSQL, and admission resumes.
        for (int s = 0; s < config.budgetShards(); s++) {
            redis.execute("DEL", AdmissionKeys.budget(today, s).get(0));
        }
        post(m, loanRepayment(m)).then().statusCode(201);
    }

    @Test
    void aFailedWithdrawalGivesItsBudgetBackOnceInPostgresAndInRedis() {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        String id = post(m, loanRepayment(m)).then().statusCode(201).extract().path("id");
        LocalDate day = LocalDate.parse(Db.queryString("SELECT budget_day::text FROM withdrawal WHERE id = '" + id + "'"));
        int shard = (int) Db.queryLong("SELECT budget_shard FROM withdrawal WHERE id = '" + id + "'");
        String key = AdmissionKeys.budget(day, shard).get(0);
        long used = redis.execute("GET", key).toLong();
        long row = Db.queryLong("SELECT reserved_fen FROM payout_budget_shard WHERE budget_day = '" + day
                + "' AND shard = " + shard);
        Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code) VALUES ('" + id
                + "', 'REJECTED', 'CARD_CLOSED')");
        dispatcher.resume();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "FAILED".equals(Db.queryString("SELECT status FROM withdrawal WHERE id = '" + id + "'")));
        assertThat(Db.queryLong("SELECT reserved_fen FROM payout_budget_shard WHERE budget_day = '" + day
                + "' AND shard = " + shard), is(row - AMOUNT));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                redis.execute("GET", key).toLong() == used - AMOUNT);
        recovery.pass().await().indefinitely();
        assertThat("nothing to repair", redis.execute("GET", key).toLong(), is(used - AMOUNT));
    }

    private long pending(long memberId) {
        String p = redisTest.hget(AdmissionKeys.member(memberId).get(0), "pending");
        return p == null ? 0 : Long.parseLong(p);
    }

    private Category repayment() {
        return catalog.require("LOAN_REPAYMENT").await().indefinitely();
    }

    private static Map<String, Object> loanRepayment(Fixtures.Member m) {
        return body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m));
    }

    private static List<Map<String, Object>> bodies(Fixtures.Member m, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(loanRepayment(m));
        }
        return out;
    }

    private static long count(List<Response> answers, int status) {
        return answers.stream().filter(r -> r.statusCode() == status).count();
    }

    interface Call {
        Response call(int i);
    }

    /** Prepares n requests, releases them at once, and waits for every answer. */
    static List<Response> concurrently(int n, Call call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            Callable<Response> task = () -> {
                go.await();
                return call.call(idx);
            };
            futures.add(POOL.submit(task));
        }
        go.countDown();
        List<Response> out = new ArrayList<>();
        for (Future<Response> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BudgetTerms todaysTerms() {
        return budget.terms(LocalDate.now(Zones.SHANGHAI)).await().indefinitely();
    }
}
