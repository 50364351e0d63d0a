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
import cn.hpf.mobile.support.FaceFixture;
import cn.hpf.mobile.support.RedisTestClient;
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
    HoldIndex index;
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
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        List<Map<String, Object>> bodies = bodies(m, 50);
        List<Response> answers = concurrently(50, i -> post(m.memberNo(), bodies.get(i)));

        assertThat(count(answers, 201), equalTo(10L));
        assertThat(count(answers, 422), equalTo(40L));
        assertThat(answers.stream().filter(r -> r.statusCode() == 422).map(r -> r.jsonPath().getString("code")).toList(),
                everyItem(equalTo("INSUFFICIENT_BALANCE")));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(10L));
        assertThat(MemberFixture.held(m.id()), equalTo(10 * AMOUNT));
        assertThat(Db.queryLong("SELECT count(*) FROM face_verification WHERE member_id = " + m.id()
                + " AND status = 'CONSUMED'"), equalTo(10L));
        assertThat(available(m.memberNo()), equalTo(0L));
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(0), "pending"), equalTo("0"));

        // Then the payouts: each of the ten is paid once and the ledger adds up to the fen.
        dispatcher.resume();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Db.queryLong(
                "SELECT count(*) FROM withdrawal WHERE status IN ('ACCEPTED', 'PAYING') AND member_id = " + m.id()) == 0);
        assertThat(Db.queryLong("SELECT count(*) FROM withdrawal WHERE status = 'PAID' AND member_id = " + m.id()),
                equalTo(10L));
        assertThat(Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id()), equalTo(0L));
        assertThat(MemberFixture.held(m.id()), equalTo(0L));
        assertThat(Db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = " + m.id()), equalTo(0L));
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'WITHDRAWAL' AND member_id = " + m.id()),
                equalTo(10L));
        assertThat(Db.queryLong("SELECT coalesce(sum(p.pay_calls), 0) FROM sandbox_bank_payment p JOIN withdrawal w "
                + "ON w.id = p.withdrawal_id WHERE w.member_id = " + m.id()), equalTo(10L));
    }

    @Test
    void aRetryStormOnOneKeyMakesOneWithdrawalAndReplaysItByteForByte() throws Exception {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        Map<String, Object> body = loanRepayment(m);
        String key = "storm-" + UUID.randomUUID();
        List<Response> answers = concurrently(30, i -> post(m.memberNo(), key, body));

        assertThat(answers.stream().map(r -> r.statusCode() + " " + r.asString()).toList().toString(),
                answers.stream().map(Response::statusCode).toList(), everyItem(isIn(List.of(201, 409))));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(1L));
        assertThat(MemberFixture.held(m.id()), equalTo(AMOUNT));
        String first = answers.stream().filter(r -> r.statusCode() == 201 && r.header("Idempotent-Replayed") == null)
                .findFirst().orElseThrow().asString();
        for (Response r : answers) {
            if (r.statusCode() == 201 && r.header("Idempotent-Replayed") != null) {
                assertThat(r.asString(), equalTo(first));
            }
        }
        Response replay = post(m.memberNo(), key, body);
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString(), equalTo(first));

        Map<String, Object> other = new java.util.LinkedHashMap<>(body);
        other.put("amountFen", AMOUNT + 1);
        post(m.memberNo(), key, other).then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(1L));
    }

    @Test
    void oneFaceVerificationSentConcurrentlyAuthorizesOneWithdrawal() throws Exception {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        UUID face = FaceFixture.passed(m.id());
        List<Response> answers = concurrently(10, i -> post(m.memberNo(), body("LOAN_REPAYMENT", AMOUNT, null, face)));

        assertThat(count(answers, 201), equalTo(1L));
        assertThat(answers.stream().filter(r -> r.statusCode() != 201).map(r -> r.jsonPath().getString("code")).toList(),
                everyItem(equalTo("FACE_VERIFICATION_USED")));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(1L));
        assertThat(available(m.memberNo()), equalTo(9 * AMOUNT));
    }

    @Test
    void redisFlushedMidRunNeverOverAdmitsAndIsRebuilt() throws Exception {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        List<Map<String, Object>> bodies = bodies(m, 40);
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> flusher = POOL.submit(() -> {
            for (int i = 0; i < 5 && running.get(); i++) {
                sleep(40);
                redisTest.flushDb();
            }
        });
        List<Response> answers = concurrently(40, i -> post(m.memberNo(), bodies.get(i)));
        running.set(false);
        flusher.get();

        long accepted = count(answers, 201);
        assertThat(accepted, lessThanOrEqualTo(10L));
        assertThat(answers.stream().map(Response::statusCode).toList(), everyItem(isIn(List.of(201, 422, 503))));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(accepted));
        assertThat(MemberFixture.held(m.id()), equalTo(accepted * AMOUNT));

        // Rebuilt: Redis agrees with PostgreSQL, and exactly the rest of the balance can still be admitted.
        assertThat(available(m.memberNo()), equalTo((10 - accepted) * AMOUNT));
        for (long i = accepted; i < 10; i++) {
            post(m.memberNo(), loanRepayment(m)).then().statusCode(201);
        }
        post(m.memberNo(), loanRepayment(m)).then().statusCode(422).body("code", equalTo("INSUFFICIENT_BALANCE"));
        assertThat(MemberFixture.held(m.id()), equalTo(10 * AMOUNT));
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        long redisBudget = 0;
        for (int s = 0; s < config.budgetShards(); s++) {
            // A flush may land after the last admission; a missing counter is rebuilt from PostgreSQL on next use.
            if (redis.execute("GET", AdmissionKeys.budget(today, s).get(0)) == null) {
                budget.rebuild(today, s).await().atMost(java.time.Duration.ofSeconds(5));
            }
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
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        long before = available(m.memberNo());
        String account = AdmissionKeys.member(m.id()).get(0);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long now = System.currentTimeMillis();
        holds.hold(m.id(), a, 3 * AMOUNT, now, false, CategoryCap.NONE).await().indefinitely();
        holds.hold(m.id(), b, 2 * AMOUNT, now, false, CategoryCap.NONE).await().indefinitely();

        // Only the account hash is lost (eviction, partial loss); the holds hash survives.
        redis.execute("DEL", account);
        assertThat("the refill counts the surviving holds", available(m.memberNo()), equalTo(before - 5 * AMOUNT));
        assertThat(redisTest.hget(account, "pending"), equalTo(Long.toString(5 * AMOUNT)));

        // Lost again, and this time the settle script recreates it.
        redis.execute("DEL", account);
        holds.settle(b, accountRows.find(m.id()).await().indefinitely()).await().indefinitely();
        assertThat(redisTest.hget(account, "pending"), equalTo(Long.toString(3 * AMOUNT)));

        holds.release(m.id(), a).await().indefinitely();
        assertThat(redisTest.hget(account, "pending"), equalTo("0"));
        assertThat(available(m.memberNo()), equalTo(before));
    }

    @Test
    void theBudgetRebuildIgnoresPrepaymentsSettledFromTheHpfBalance() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        int shard = config.budgetShards() - 1;
        // A prepayment settled inside the centre: it never went to the bank, so it used no payout budget.
        Db.exec("INSERT INTO withdrawal (id, member_id, category, amount_fen, loan_id, face_verification_id, status, "
                + "budget_day, budget_shard, channel, actor, settled_internally) VALUES ('" + UUID.randomUUID() + "', "
                + m.id() + ", 'LOAN_REPAYMENT', " + 7 * AMOUNT + ", " + m.loanId() + ", '" + FaceFixture.passed(m.id())
                + "', 'PAID', '" + today + "', " + shard + ", 'APP', 'test', true)");
        redis.execute("DEL", AdmissionKeys.budget(today, shard).get(0));

        budget.rebuild(today, shard).await().indefinitely();

        long paidOut = Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE budget_day = '" + today
                + "' AND budget_shard = " + shard + " AND status <> 'FAILED' AND NOT settled_internally");
        assertThat(redis.execute("GET", AdmissionKeys.budget(today, shard).get(0)).toLong(), equalTo(paidOut));
    }

    @Test
    void anAmountNoShardCanEverTakeIsRefusedAsSuchNotAsAnExhaustedBudget() {
        long aboveOneShard = budget.shardLimitFen(0) + 1;
        MemberFixture.Member m = MemberFixture.create(aboveOneShard + AMOUNT, true);
        long before = available(m.memberNo());
        UUID face = FaceFixture.passed(m.id());

        post(m.memberNo(), body("LOAN_REPAYMENT", aboveOneShard, null, face)).then().statusCode(422)
                .body("code", equalTo("AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT")).body("field", equalTo("amountFen"));

        assertThat(MemberFixture.withdrawals(m.id()), equalTo(0L));
        assertThat("nothing held", available(m.memberNo()), equalTo(before));
        // A smaller amount with the same verification still goes through.
        post(m.memberNo(), body("LOAN_REPAYMENT", AMOUNT, null, face)).then().statusCode(201);
    }

    @Inject
    CategoryCatalog catalog;

    @Test
    void aRetryIsAnsweredFromRedisAndStillReplaysWhenRedisHasForgottenTheAnswer() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        Map<String, Object> body = loanRepayment(m);
        String key = UUID.randomUUID().toString();
        String first = post(m.memberNo(), key, body).then().statusCode(201).extract().asString();
        List<String> idemKeys = redisTest.keys("{m:" + m.id() + "}:idem:*");
        assertThat(idemKeys.size(), equalTo(1));
        assertThat("the committed answer is kept for retries",
                redis.value(String.class).get(idemKeys.get(0)).startsWith("A"), is(true));
        Response fromRedis = post(m.memberNo(), key, body);
        fromRedis.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(fromRedis.asString(), equalTo(first));

        redis.key().del(idemKeys.get(0)); // as after a flush, an eviction or the cache's expiry
        Response fromPostgres = post(m.memberNo(), key, body);
        fromPostgres.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(fromPostgres.asString(), equalTo(first));
        Map<String, Object> other = new java.util.LinkedHashMap<>(body);
        other.put("amountFen", AMOUNT + 1);
        post(m.memberNo(), key, other).then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(1L));
        assertThat(MemberFixture.held(m.id()), equalTo(AMOUNT));
        assertThat("PostgreSQL's answer is kept in Redis again, no lease is left behind",
                redis.value(String.class).get(idemKeys.get(0)).startsWith("A"), is(true));
    }

    @Test
    void aRetryAfterTheCategoryWasDisabledGetsTheStoredAnswer() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        Map<String, Object> body = loanRepayment(m);
        String key = UUID.randomUUID().toString();
        String id = post(m.memberNo(), key, body).then().statusCode(201).extract().jsonPath().getString("id");
        try {
            Db.exec("UPDATE withdrawal_category SET enabled = false WHERE code = 'LOAN_REPAYMENT'");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                    !catalog.all().await().indefinitely().containsKey("LOAN_REPAYMENT"));
            post(m.memberNo(), loanRepayment(m)).then().statusCode(400).body("field", equalTo("category"));

            post(m.memberNo(), key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                    .body("id", equalTo(id));
        } finally {
            Db.exec("UPDATE withdrawal_category SET enabled = true WHERE code = 'LOAN_REPAYMENT'");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                    catalog.all().await().indefinitely().containsKey("LOAN_REPAYMENT"));
        }
    }

    @Test
    void anOrphanRedisHoldIsReleasedByRecovery() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        long before = available(m.memberNo());
        UUID orphan = UUID.randomUUID();
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        long longAgo = System.currentTimeMillis() - 120_000;
        // What a crash between the Redis hold and the PostgreSQL write leaves behind.
        index.add(orphan, m.id(), today, longAgo).await().indefinitely();
        assertThat(holds.hold(m.id(), orphan, 3 * AMOUNT, longAgo, false, CategoryCap.NONE).await().indefinitely(),
                equalTo(MemberHolds.Outcome.OK));
        int shard = budget.reserve(today, orphan, 3 * AMOUNT).await().indefinitely();
        long budgetUsed = redis.execute("GET", AdmissionKeys.budget(today, shard).get(0)).toLong();
        assertThat(available(m.memberNo()), equalTo(before - 3 * AMOUNT));

        // A fresh hold (inside the grace period) is left alone.
        UUID young = UUID.randomUUID();
        index.add(young, m.id(), today, System.currentTimeMillis()).await().indefinitely();
        holds.hold(m.id(), young, AMOUNT, System.currentTimeMillis(), false, CategoryCap.NONE).await().indefinitely();

        int recovered = recovery.recoverOlderThan(System.currentTimeMillis() - config.holdGrace().toMillis())
                .await().indefinitely();
        assertThat(recovered, greaterThan(0));
        assertThat(available(m.memberNo()), equalTo(before - AMOUNT));
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(1), orphan.toString()), nullValue());
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(1), young.toString()), notNullValue());
        assertThat(redis.execute("GET", AdmissionKeys.budget(today, shard).get(0)).toLong(),
                equalTo(budgetUsed - 3 * AMOUNT));
        assertThat(MemberFixture.held(m.id()), equalTo(0L));
        holds.release(m.id(), young).await().indefinitely();
        assertThat(available(m.memberNo()), equalTo(before));
    }

    @Test
    void aHoldWhoseWithdrawalCommittedButWasNotSettledIsSettledByRecovery() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        long before = available(m.memberNo());
        UUID id = UUID.randomUUID();
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        long longAgo = System.currentTimeMillis() - 120_000;
        index.add(id, m.id(), today, longAgo).await().indefinitely();
        holds.hold(m.id(), id, 2 * AMOUNT, longAgo, false, CategoryCap.NONE).await().indefinitely();
        // The PostgreSQL write committed, then the instance died before the settle script.
        UUID face = FaceFixture.passed(m.id());
        Db.exec("WITH a AS (UPDATE account SET held_fen = held_fen + " + 2 * AMOUNT + ", version = version + 1 "
                + "WHERE member_id = " + m.id() + "), l AS (UPDATE loan SET pending_repayment_fen = pending_repayment_fen + "
                + 2 * AMOUNT + " WHERE id = " + m.loanId() + ") INSERT INTO withdrawal (id, member_id, category, amount_fen, loan_id, "
                + "face_verification_id, status, budget_day, channel, actor) VALUES ('" + id + "', " + m.id()
                + ", 'LOAN_REPAYMENT', " + 2 * AMOUNT + ", " + m.loanId() + ", '" + face + "', 'ACCEPTED', '" + today
                + "', 'APP', 'test')");
        String account = AdmissionKeys.member(m.id()).get(0);
        assertThat(redisTest.hget(account, "pending"), equalTo(Long.toString(2 * AMOUNT)));
        assertThat("Redis does not know the commit yet", redisTest.hget(account, "held"), equalTo("0"));

        recovery.recoverOlderThan(System.currentTimeMillis() - config.holdGrace().toMillis()).await().indefinitely();
        assertThat(redisTest.hget(account, "pending"), equalTo("0"));
        assertThat(redisTest.hget(account, "held"), equalTo(Long.toString(2 * AMOUNT)));
        assertThat(available(m.memberNo()), equalTo(before - 2 * AMOUNT));
    }

    @Test
    void anExhaustedBudgetIs503WithRetryAfterAndReleasesTheHold() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        LocalDate today = LocalDate.now(Zones.SHANGHAI);
        post(m.memberNo(), loanRepayment(m)).then().statusCode(201); // counters exist
        List<String> saved = new ArrayList<>();
        for (int s = 0; s < config.budgetShards(); s++) {
            String key = AdmissionKeys.budget(today, s).get(0);
            var v = redis.execute("GET", key);
            saved.add(v == null ? null : v.toString());
            redis.execute("SET", key, Long.toString(budget.shardLimitFen(s) - AMOUNT + 1));
        }
        long before = available(m.memberNo());
        Response r = post(m.memberNo(), loanRepayment(m));
        r.then().statusCode(503).body("code", equalTo("DAILY_BUDGET_EXHAUSTED"));
        assertThat(Integer.parseInt(r.header("Retry-After")), greaterThan(0));
        assertThat(available(m.memberNo()), equalTo(before));
        assertThat(redisTest.hget(AdmissionKeys.member(m.id()).get(0), "pending"), equalTo("0"));
        assertThat(MemberFixture.withdrawals(m.id()), equalTo(1L));

        // Lost counters are rebuilt from PostgreSQL, and admission resumes.
        for (int s = 0; s < config.budgetShards(); s++) {
            redis.execute("DEL", AdmissionKeys.budget(today, s).get(0));
        }
        post(m.memberNo(), loanRepayment(m)).then().statusCode(201);
    }

    @Test
    void givingBackTheBudgetOfAFailedWithdrawalHappensOnce() {
        MemberFixture.Member m = MemberFixture.create(10 * AMOUNT, true);
        String id = post(m.memberNo(), loanRepayment(m)).then().statusCode(201).extract().path("id");
        LocalDate day = LocalDate.parse(Db.queryString("SELECT budget_day::text FROM withdrawal WHERE id = '" + id + "'"));
        int shard = (int) Db.queryLong("SELECT budget_shard FROM withdrawal WHERE id = '" + id + "'");
        String key = AdmissionKeys.budget(day, shard).get(0);
        long used = redis.execute("GET", key).toLong();
        limits.giveBack(UUID.fromString(id), m.id(), "LOAN_REPAYMENT", AMOUNT, day, shard).await().indefinitely();
        limits.giveBack(UUID.fromString(id), m.id(), "LOAN_REPAYMENT", AMOUNT, day, shard).await().indefinitely();
        assertThat(redis.execute("GET", key).toLong(), is(used - AMOUNT));
    }

    private static Map<String, Object> loanRepayment(MemberFixture.Member m) {
        return body("LOAN_REPAYMENT", AMOUNT, null, FaceFixture.passed(m.id()));
    }

    private static List<Map<String, Object>> bodies(MemberFixture.Member m, int n) {
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
}
