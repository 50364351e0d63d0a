package cn.hpf.mobile.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.db.DbConfig;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.loan.AutoTransferJob;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.FastClient;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.mobile.support.adversary.AdversaryRedis;
import cn.hpf.mobile.support.adversary.FaultScript;
import cn.hpf.mobile.support.adversary.PostgresStall;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The money core against a Redis that forgets and lies, seed after seed. One seed drives a few hundred admissions
 * (with retries of the same key, and bursts of the same request at once), prepayments, monthly auto-transfers and
 * bank returns, with payouts flowing through a sandbox bank that fails and times out, while the adversary strikes at
 * random steps of those paths: FLUSHDB, dropped keys, keys rolled back to an earlier value (a failover that lost
 * its last writes), writes paused, a PostgreSQL statement stalled past its timeout. Then everything settles and the
 * money rules are checked: never over a balance, never over the day's budget, every withdrawal PAID or FAILED (or
 * RETURNED), no stranded hold, an Idempotency-Key never answered a refusal once its operation committed, Redis
 * converged to PostgreSQL, reconciliation clean.
 *
 * <p>{@code bin/test} runs {@code hpf.adversary.seeds} seeds of {@code hpf.adversary.ops} operations (12 × 150);
 * {@code bin/adversary} runs the long campaign (200 × 500). A failing seed names itself: {@code
 * -Dhpf.adversary.first-seed=N -Dhpf.adversary.seeds=1} replays its operations and faults (on a concurrent service
 * the interleaving may differ). Each seed is a day of its own (its budget, its monthly caps).
 */
@QuarkusTest
@TestProfile(MoneyAdversaryTest.Adversary.class)
class MoneyAdversaryTest {

    /** The adversary's own Redis; short timeouts and expiries so that a seed settles in seconds. */
    public static class Adversary implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new TreeMap<>();
            c.put("hpf.admission.daily-budget-fen", Long.toString(DAILY_BUDGET));
            c.put("hpf.admission.budget-shards", "4");
            c.put("hpf.admission.write-timeout", "PT1S");
            c.put("hpf.db.statement-timeout", "PT1S");
            c.put("hpf.db.connection-timeout", "PT1S");
            c.put("hpf.admission.hold-grace", "PT8S");
            c.put("hpf.redis.account-ttl", "PT2S");
            c.put("hpf.bank.sandbox.failure-rate", "0.1");
            c.put("hpf.bank.sandbox.timeout-rate", "0.05");
            c.put("quarkus.redis.timeout", "PT2S");
            // The sandbox platform repeats an unanswered notification soon, so that a seed settles in seconds.
            c.put("hpf.transfer.sandbox.max-backoff", "PT1S");
            c.put("hpf.transfer.sandbox.duplicate-every", "4");
            return c;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AdversaryRedis.class));
        }
    }

    static final long DAILY_BUDGET = 4_000_000;
    private static final int SEEDS = Integer.getInteger("hpf.adversary.seeds", 12);
    private static final int OPS = Integer.getInteger("hpf.adversary.ops", 150);
    private static final long FIRST_SEED = Long.getLong("hpf.adversary.first-seed", 1);
    /** A fault at a step reached with this probability. */
    private static final double STRIKE = Double.parseDouble(System.getProperty("hpf.adversary.strike", "0.12"));

    @Inject
    FaultPoints points;
    @Inject
    HoldRecovery recovery;
    @Inject
    PayoutDispatcher dispatcher;
    @Inject
    AutoTransferJob autoTransfers;
    @Inject
    AdmissionConfig admission;
    @Inject
    DbConfig db;
    @Inject
    Clock clock;

    private final Map<String, AtomicLong> tally = new ConcurrentHashMap<>();

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void seedAfterSeedTheMoneyRulesHoldWhateverRedisDoes() throws Exception {
        long operations = 0;
        long started = System.nanoTime();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            try {
                operations += new Run(seed).play();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("adversary seed " + seed + " broke a money rule (replay: "
                        + "-Dhpf.adversary.first-seed=" + seed + " -Dhpf.adversary.seeds=1 -Dhpf.adversary.ops=" + OPS
                        + "): " + e.getMessage(), e);
            }
        }
        String report = "adversary: " + SEEDS + " seeds from " + FIRST_SEED + ", " + operations + " operations, "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; " + new TreeMap<>(tally);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/adversary-report.txt"), report + System.lineSeparator());
    }

    private void count(String what) {
        tally.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** One seed: its members, its operations, its faults, and the checks after it all settled. */
    private final class Run {
        private final long seed;
        private final Random ops;
        private final Random faults;
        private final List<Fixtures.Member> members = new ArrayList<>();
        private final Map<Long, String> categories = new LinkedHashMap<>();
        private final List<Request> sent = new ArrayList<>();
        private final Map<String, List<Sent>> answersByKey = new ConcurrentHashMap<>();
        private final Map<String, Long> memberByKey = new ConcurrentHashMap<>();
        private final Map<String, List<String>> idsByKey = new ConcurrentHashMap<>();
        private final Map<Long, RedisAdversary.Snapshot> memberSnapshots = new ConcurrentHashMap<>();
        private volatile RedisAdversary.Snapshot budgetSnapshot;
        private int transfersIn;
        /** A posted transfer-out closes the account: only in a seed's second half, so withdrawals keep their play. */
        private boolean lateInTheDay;

        Run(long seed) {
            this.seed = seed;
            this.ops = new Random(seed);
            this.faults = new Random(seed * 31 + 7);
        }

        /** One answer to a request with an Idempotency-Key, and when (wall clock, as PostgreSQL's now()) it was sent. */
        private record Sent(long sentAtMillis, int status, String code) {
        }

        /** A request made once, to be retried with the same key later. */
        private record Request(Fixtures.Member member, String key, Map<String, Object> body) {
        }

        long play() throws Exception {
            TestClock.onAFreshDay();
            LocalDate today = LocalDate.now(clock.withZone(Zones.SHANGHAI));
            dispatcher.resume();
            long t0 = System.nanoTime();
            createMembers(today);
            tally.computeIfAbsent("ms:members", k -> new AtomicLong()).addAndGet((System.nanoTime() - t0) / 1_000_000);
            try (RedisAdversary redis = AdversaryRedis.connect(); FaultScript script = new FaultScript(points)) {
                for (FaultPoint point : FaultPoint.values()) {
                    script.always(point, member -> strike(redis, point, member, today));
                }
                for (int i = 0; i < OPS; i++) {
                    lateInTheDay = i >= OPS / 2;
                    operation(today);
                }
            }
            try (RedisAdversary redis = AdversaryRedis.connect()) {
                redis.unpause();
            }
            long settling = System.nanoTime();
            settle(today);
            check(today);
            tally.computeIfAbsent("ms:settle+check", k -> new AtomicLong())
                    .addAndGet((System.nanoTime() - settling) / 1_000_000);
            return OPS;
        }

        private void createMembers(LocalDate today) {
            // A borrower (repayments, prepayments, the monthly auto-transfer due today), a renter, a member on the
            // minimum living allowance (whole balance), a retiree (whole balance, closes the account).
            Fixtures.Member borrower = Fixtures.member().balance(2_000_000 + ops.nextInt(1_000_000))
                    .loan(50_000_000).create();
            int monthsAhead = (int) ChronoUnit.MONTHS.between(YearMonth.now(Zones.SHANGHAI), YearMonth.from(today));
            Fixtures.loan(borrower.id(), 20_000_000, "0.031", 240, RepaymentMethod.EQUAL_INSTALMENT, 5, monthsAhead,
                    true);
            add(borrower, "LOAN_REPAYMENT");
            add(Fixtures.member().balance(3_000_000 + ops.nextInt(1_000_000)).withoutPurchaseContract().create(),
                    "RENT");
            add(Fixtures.member().balance(500_000 + ops.nextInt(500_000)).minimumLivingAllowance().create(),
                    "MIN_LIVING_ALLOWANCE");
            add(Fixtures.member().balance(800_000 + ops.nextInt(400_000)).bornIn(1955).create(), "RETIREMENT");
        }

        private void add(Fixtures.Member m, String category) {
            members.add(m);
            categories.put(m.id(), category);
        }

        private void operation(LocalDate today) throws Exception {
            long t0 = System.nanoTime();
            int pick = ops.nextInt(100);
            try {
                operation(today, pick);
            } finally {
                tally.computeIfAbsent("ms:" + (pick < 45 ? "admit" : pick < 62 ? "retry" : pick < 68 ? "burst"
                        : pick < 78 ? "prepay" : pick < 82 ? "auto" : pick < 88 ? "return"
                        : pick < 95 || (pick < 98 && !lateInTheDay) ? "read" : pick < 98 ? "transfer-out"
                        : "transfer-in"),
                        k -> new AtomicLong()).addAndGet((System.nanoTime() - t0) / 1_000_000);
            }
        }

        private void operation(LocalDate today, int pick) throws Exception {
            if (pick < 45 || sent.isEmpty()) {
                admitNew();
            } else if (pick < 62) {
                Request again = sent.get(ops.nextInt(sent.size()));
                answer(again, send(again));
                count("op:retry");
            } else if (pick < 68) {
                Request again = sent.get(ops.nextInt(sent.size()));
                List<CompletableFuture<Sending>> burst = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    burst.add(CompletableFuture.supplyAsync(() -> send(again)));
                }
                for (var r : burst) {
                    answer(again, r.get());
                }
                count("op:burst");
            } else if (pick < 78) {
                prepay();
            } else if (pick < 82) {
                autoTransfers.runFor(today).await().atMost(Duration.ofSeconds(30));
                count("op:auto-transfer");
            } else if (pick < 88) {
                bankReturn();
            } else if (pick >= 98) {
                transferIn();
            } else if (pick >= 95 && lateInTheDay) {
                transferOut();
            } else {
                Fixtures.Member m = members.get(ops.nextInt(members.size()));
                FastClient.Answer r = FastClient.get("/v1/me/account", m.token());
                assertThat(r.status()).as("account read " + r).isLessThan(500);
                count("op:read");
            }
        }

        private void admitNew() {
            Fixtures.Member m = members.get(ops.nextInt(members.size()));
            String category = categories.get(m.id());
            long amount = switch (category) {
                case "MIN_LIVING_ALLOWANCE", "RETIREMENT" -> ops.nextInt(4) == 0 ? 1 + ops.nextInt(1_000_000)
                        : seenAvailable(m);
                case "RENT" -> 1 + ops.nextInt(2_600_000);
                default -> 1 + ops.nextInt(700_000);
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", category);
            body.put("amountFen", Math.max(1, amount));
            if ("LOAN_REPAYMENT".equals(category)) {
                body.put("loanId", m.loanId());
            } else {
                body.put("bankCardId", m.cardId());
            }
            body.put("faceVerificationId", Fixtures.face(m).toString());
            Request request = new Request(m, "k-" + seed + "-" + sent.size(), body);
            sent.add(request);
            answer(request, send(request));
            count("op:admit");
        }

        private long seenAvailable(Fixtures.Member m) {
            FastClient.Answer r = FastClient.get("/v1/me/account", m.token());
            return r.status() == 200 ? r.number("availableFen") : 1;
        }

        private Sending send(Request r) {
            long sentAt = System.currentTimeMillis();
            return new Sending(sentAt, FastClient.post("/v1/withdrawals", r.member().token(), r.key(), r.body()));
        }

        private record Sending(long sentAtMillis, FastClient.Answer answer) {
        }

        private void answer(Request r, Sending sending) {
            FastClient.Answer response = sending.answer();
            int status = response.status();
            assertThat(status).as("an admission answer: " + response).isIn(201, 400, 409, 422, 503);
            if (status >= 400) {
                assertThat(response.contentType()).isEqualTo("application/problem+json");
                count("answer:" + status + " " + response.text("code"));
            } else {
                count("answer:201");
                idsByKey.computeIfAbsent(r.key(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(response.text("id"));
            }
            record(r.key(), r.member().id(), sending.sentAtMillis(), response);
        }

        private void record(String key, long member, long sentAtMillis, FastClient.Answer response) {
            memberByKey.put(key, member);
            answersByKey.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(new Sent(sentAtMillis, response.status(), response.status() >= 400 ? response.text("code") : ""));
        }

        private void prepay() {
            Fixtures.Member m = members.get(0);
            long loan = Db.queryLong("SELECT id FROM loan WHERE member_id = " + m.id() + " AND auto_transfer");
            FastClient.Answer quote = FastClient.post("/v1/me/loans/" + loan + "/prepayment-quotes", m.token(), null,
                    Map.of("amountFen", 10_000 + ops.nextInt(200_000), "mode", "SHORTEN_TERM"));
            assertThat(quote.status()).as("quote " + quote).isIn(201, 422);
            if (quote.status() != 201) {
                count("op:prepay-quote-refused");
                return;
            }
            String key = "p-" + seed + "-" + UUID.randomUUID();
            Map<String, Object> body = Map.of("quoteId", quote.text("id"), "source", "HPF_BALANCE",
                    "faceVerificationId", Fixtures.face(m, "PREPAYMENT").toString());
            for (int attempt = 0; attempt < 2; attempt++) {
                long sentAt = System.currentTimeMillis();
                FastClient.Answer r = FastClient.post("/v1/me/loans/" + loan + "/prepayments", m.token(), key, body);
                assertThat(r.status()).as("prepayment " + r).isIn(201, 409, 422, 503);
                count("prepay:" + r.status());
                record(key, m.id(), sentAt, r);
            }
        }

        private void bankReturn() {
            String paid = Db.queryString("SELECT string_agg(id::text, ',' ORDER BY created_at) FROM withdrawal "
                    + "WHERE member_id = ANY (" + idArray() + ") AND status = 'PAID' AND NOT settled_internally");
            if (paid == null) {
                return;
            }
            String[] ids = paid.split(",");
            String id = ids[ops.nextInt(ids.length)];
            FastClient.Answer r = FastClient.post("/sandbox/bank/payouts/" + id + "/return", Api.operatorToken(), null,
                    Map.of("reason", "ACCOUNT_CLOSED"));
            assertThat(r.status()).as("return " + r).isIn(200, 404, 409);
            count("op:return " + r.status());
        }

        /**
         * Another centre asks, through the sandbox platform, for a member's balance; the platform then confirms or
         * cancels. Its signed notifications arrive late, some twice, and are repeated until answered 2xx, while the
         * faults strike at the transfer's steps and withdrawals of the same member run beside it.
         */
        private void transferOut() {
            Fixtures.Member m = members.get(ops.nextInt(members.size()));
            FastClient.Answer r = FastClient.post("/sandbox/transfer-platform/transfers-out", Api.operatorToken(), null,
                    Map.of("accountNo", m.memberNo(), "idNumber", m.idNumber(), "destinationCentreCode", "310000",
                            "destinationAccountNo", "SH" + seed, "outcome", ops.nextBoolean() ? "CANCEL" : "CONFIRM"));
            assertThat(r.status()).as("transfer-out started " + r).isEqualTo(201);
            count("op:transfer-out");
        }

        /** A member asks for a balance at another centre (a fresh account there, sometimes frozen). */
        private void transferIn() {
            Fixtures.Member m = members.get(ops.nextInt(members.size()));
            String account = "AD" + seed + "X" + transfersIn++;
            FastClient.Answer origin = FastClient.post("/sandbox/transfer-platform/origin-accounts",
                    Api.operatorToken(), null, Map.of("centreCode", "320100", "accountNo", account,
                            "idNumber", m.idNumber(), "name", "测试", "balanceFen", 1 + ops.nextInt(300_000),
                            "frozen", ops.nextInt(5) == 0));
            assertThat(origin.status()).as("origin account " + origin).isEqualTo(200);
            FastClient.Answer r = FastClient.post("/v1/me/transfers-in", m.token(), "t-" + seed + "-" + account,
                    Map.of("originCentreCode", "320100", "originAccountNo", account));
            assertThat(r.status()).as("transfer-in " + r).isIn(201, 503);
            count("transfer-in:" + r.status());
        }

        /** At a step of a money path: now and then, one of the things Redis or PostgreSQL does to us. */
        private void strike(RedisAdversary redis, FaultPoint point, long member, LocalDate today) {
            int fault;
            synchronized (faults) {
                if (faults.nextDouble() >= STRIKE) {
                    return;
                }
                fault = faults.nextInt(10);
            }
            List<String> memberKeys = AdmissionKeys.member(member);
            List<String> budgetKeys = new ArrayList<>();
            for (int s = 0; s < admission.budgetShards(); s++) {
                budgetKeys.addAll(AdmissionKeys.budget(today, s));
            }
            switch (fault) {
                case 0 -> redis.flush();
                case 1 -> redis.drop(memberKeys);
                case 2 -> redis.drop(redis.keys("{m:" + member + "}:idem:*"));
                case 3 -> memberSnapshots.put(member, redis.snapshot(memberKeys));
                case 4 -> {
                    RedisAdversary.Snapshot earlier = memberSnapshots.remove(member);
                    if (earlier != null) {
                        redis.rollback(earlier);
                    }
                }
                case 5 -> budgetSnapshot = redis.snapshot(budgetKeys);
                case 6 -> {
                    RedisAdversary.Snapshot earlier = budgetSnapshot;
                    if (earlier != null) {
                        redis.rollback(earlier);
                    }
                }
                case 7 -> redis.pauseWrites(Duration.ofMillis(50 + faultMillis(300)));
                case 8 -> redis.drop(redis.randomKeys(3));
                default -> {
                    if (point == FaultPoint.ADMISSION_HELD) {
                        PostgresStall.accountFor(member, db.statementTimeout().plusMillis(300));
                    } else {
                        redis.drop(budgetKeys);
                    }
                }
            }
            count("fault:" + point + ":" + fault);
        }

        private int faultMillis(int bound) {
            synchronized (faults) {
                return faults.nextInt(bound);
            }
        }

        /** Faults off; payouts finish; recovery runs once every hold could be decided; copies expire. */
        private void settle(LocalDate today) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Db.queryLong("SELECT count(*) FROM withdrawal w "
                    + "WHERE w.member_id = ANY (" + idArray() + ") AND w.status IN ('ACCEPTED', 'PAYING')") == 0L);
            // The platform delivers what it still owes (repeated until answered 2xx); then every transfer is final.
            await().atMost(Duration.ofSeconds(90)).until(() -> Db.queryLong("SELECT count(*) FROM "
                    + "sandbox_transfer_delivery d JOIN sandbox_transfer t ON t.transfer_id = d.transfer_id "
                    + "WHERE t.id_number = ANY (" + idNumbers() + ") AND d.delivered_at IS NULL "
                    + "AND d.gave_up_at IS NULL") == 0L);
            TestClock.shift(admission.holdGrace().plusSeconds(5));
            recovery.pass().await().atMost(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> reconciliation().getLong("totals.redisAccountsBehind")
                    == 0L);
        }

        private void check(LocalDate today) {
            JsonPath report = reconciliation();
            assertThat(report.getBoolean("clean")).as("reconciliation clean: " + report.prettify()).isTrue();
            // Never over a balance: the ledger adds up and nothing is held once every payout ended.
            for (Fixtures.Member m : members) {
                assertThat(Db.queryLong("SELECT held_fen FROM account WHERE member_id = " + m.id())).isZero();
                assertThat(Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id()))
                        .isEqualTo(Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM ledger_entry "
                                + "WHERE member_id = " + m.id())).isGreaterThanOrEqualTo(0);
            }
            // Never over the day's budget: paid and in-flight withdrawals, and every shard within its share.
            assertThat(Db.queryLong("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal WHERE budget_day = '" + today
                    + "' AND status <> 'FAILED' AND NOT settled_internally")).isLessThanOrEqualTo(DAILY_BUDGET);
            assertThat(Db.queryLong("SELECT count(*) FROM payout_budget_shard WHERE budget_day = '" + today
                    + "' AND reserved_fen > " + DAILY_BUDGET / admission.budgetShards())).isZero();
            // Every withdrawal ended.
            assertThat(Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = ANY (" + idArray()
                    + ") AND status NOT IN ('PAID', 'FAILED', 'RETURNED')")).isZero();
            // Every transfer ended, every platform notification was answered 2xx in the end (none abandoned), and
            // each one moved money at most once (the ledger's unique references, and the books above).
            assertThat(Db.queryLong("SELECT count(*) FROM transfer_out WHERE member_id = ANY (" + idArray()
                    + ") AND status NOT IN ('POSTED', 'VOIDED', 'REFUSED')")).as("transfers out not final").isZero();
            assertThat(Db.queryLong("SELECT count(*) FROM transfer_in WHERE member_id = ANY (" + idArray()
                    + ") AND status NOT IN ('CREDITED', 'REJECTED')")).as("transfers in not final").isZero();
            assertThat(Db.queryString("SELECT string_agg(d.type || ' ' || d.last_status, ', ') FROM "
                    + "sandbox_transfer_delivery d JOIN sandbox_transfer t ON t.transfer_id = d.transfer_id "
                    + "WHERE t.id_number = ANY (" + idNumbers() + ") AND d.gave_up_at IS NOT NULL"))
                    .as("notifications abandoned").isNull();
            tally.computeIfAbsent("transfers-out posted", k -> new AtomicLong()).addAndGet(Db.queryLong(
                    "SELECT count(*) FROM transfer_out WHERE status = 'POSTED' AND member_id = ANY (" + idArray() + ")"));
            tally.computeIfAbsent("transfers-in credited", k -> new AtomicLong()).addAndGet(Db.queryLong(
                    "SELECT count(*) FROM transfer_in WHERE status = 'CREDITED' AND member_id = ANY (" + idArray()
                            + ")"));
            // An Idempotency-Key whose operation committed never answered a refusal to a request sent after the
            // committing statement began (its attempt held the key by then: a retry must wait or replay; a refusal
            // before that may have been true when given, and a later attempt may have succeeded), and always the
            // same id.
            for (var e : answersByKey.entrySet()) {
                long committedAt = Db.queryLong("SELECT coalesce(max((extract(epoch FROM created_at) * 1000)::bigint),"
                        + " -1) FROM idempotency_record WHERE idem_key = '" + e.getKey() + "' AND member_id = "
                        + memberByKey.get(e.getKey()));
                if (committedAt >= 0) {
                    assertThat(e.getValue()).as("answers for " + e.getKey() + " (committed at " + committedAt + ")")
                            .noneMatch(a -> a.sentAtMillis() > committedAt && (a.status() == 400 || a.status() == 422));
                }
                if (!e.getValue().isEmpty() && e.getValue().get(0).status() == 409) {
                    count("first answer 409 " + e.getValue().get(0).code());
                }
                List<String> ids = idsByKey.getOrDefault(e.getKey(), List.of());
                assertThat(ids.stream().distinct().count()).as("ids for " + e.getKey()).isLessThanOrEqualTo(1);
            }
            // Redis converged: no hold, no reservation in flight, every copy at PostgreSQL's version or gone.
            try (RedisAdversary redis = AdversaryRedis.connect()) {
                assertThat(redis.keys("{m:*}:holds")).as("holds left").isEmpty();
                for (String res : redis.keys("{b:" + today + ":*}:res")) {
                    assertThat(redis.hvals(res)).as(res).isEmpty();
                }
            }
            assertThat(report.getLong("totals.redisAccountsBehind")).isZero();
            count("seeds");
        }

        private String idNumbers() {
            return "ARRAY[" + String.join(",", members.stream().map(m -> "'" + m.idNumber() + "'").toList())
                    + "]::text[]";
        }

        private String idArray() {
            return "ARRAY[" + String.join(",", members.stream().map(m -> Long.toString(m.id())).toList())
                    + "]::bigint[]";
        }
    }

    private static JsonPath reconciliation() {
        return Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200).extract().jsonPath();
    }
}
