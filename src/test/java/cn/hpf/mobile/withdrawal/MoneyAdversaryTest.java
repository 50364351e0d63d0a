package cn.hpf.mobile.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.db.DbConfig;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.loan.AutoTransferJob;
import cn.hpf.mobile.payout.DispatcherRestart;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.payout.PayoutRecovery;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.FastClient;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.NotificationReceiver;
import cn.hpf.mobile.support.TestClock;
import cn.hpf.mobile.support.adversary.AdversaryRedis;
import cn.hpf.mobile.support.adversary.FaultScript;
import cn.hpf.mobile.support.adversary.PostgresStall;
import cn.hpf.mobile.support.adversary.RedisAdversary;
import cn.hpf.mobile.support.adversary.Shrinker;
import cn.hpf.partner.client.PartnerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole API against a Redis that forgets and lies, seed after seed: a simulation. One seed scripts a few hundred
 * steps, interleaved: admissions (with retries of the same key, bursts of the same request at once, and a face
 * verification reused under a new key), prepayments, monthly auto-transfers, transfers in and out between cities,
 * withdrawals through a partner app's signed API (retried by outBizNo) whose notifications it receives while its
 * notify endpoint goes down and comes back, bank returns, the sandbox bank going silent and speaking again, the
 * payout dispatcher restarted, Redis flushed; payouts flow through a sandbox bank that also fails and times out on
 * its own. Meanwhile the adversary strikes at random steps of the money paths: FLUSHDB, dropped keys, keys rolled
 * back to an earlier value (a failover that lost its last writes), writes paused, a PostgreSQL statement stalled
 * past its timeout.
 *
 * <p>Every answer is checked as it arrives against a small model of the money rules ({@link MoneyModel}: a key
 * names one resource, for the amount asked; a face verification authorizes at most one action), the books are
 * audited at random steps (balance and held never below zero, held = open withdrawals + held transfers out, ledger
 * sums = balance, the day's budget), and once everything settled the final state is checked against the model:
 * every withdrawal is one the client asked for under a key, PAID, FAILED or RETURNED, the balance is the opening
 * balance plus what came in minus what the model says left, no payout the bank paid is FAILED here, every partner
 * withdrawal's last notification names its final status, an Idempotency-Key never answered a refusal once its
 * operation committed, Redis converged to PostgreSQL, reconciliation clean.
 *
 * <p>{@code bin/test} runs {@code hpf.adversary.seeds} seeds of {@code hpf.adversary.ops} steps (12 × 150);
 * {@code bin/adversary} runs the long campaign (200 × 500). A failing seed is replayed with fewer and fewer of its
 * steps (chunks dropped, as delta debugging does, within {@code hpf.adversary.shrink-seconds}) and the shortest
 * failing sequence is printed with its replay: {@code -Dhpf.adversary.first-seed=N -Dhpf.adversary.seeds=1
 * -Dhpf.adversary.ops=M -Dhpf.adversary.steps=3,17,40-42} (each step draws from its own seed, so a subset replays
 * the same operations and faults; on a concurrent service the interleaving may differ). Each seed is a day of its
 * own (its budget, its monthly caps).
 */
@QuarkusTest
@TestProfile(MoneyAdversaryTest.Adversary.class)
class MoneyAdversaryTest {

    /** The adversary's own Redis; short timeouts, expiries and retries so that a seed settles in seconds. */
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
            // A payout whose answer the silent bank lost is asked about again within a second; a restart drains
            // for a second.
            c.put("hpf.payout.query-backoff-max", "PT1S");
            c.put("hpf.payout.drain-on-shutdown", "PT1S");
            // A partner's notification is tried again for about a minute: longer than any outage a seed scripts.
            c.put("hpf.partner.notify.retry-schedule", "PT0.2S,PT0.5S" + ",PT2S".repeat(30));
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
    /** Only these steps of the seed's script (a shrunk replay), e.g. "3,17,40-42"; all when unset. */
    private static final String STEPS = System.getProperty("hpf.adversary.steps", "");
    /** How long a failing seed may be replayed to shrink it; 0: not shrunk. */
    private static final int SHRINK_SECONDS = Integer.getInteger("hpf.adversary.shrink-seconds", 300);
    /** A fault at a step reached with this probability. */
    private static final double STRIKE = Double.parseDouble(System.getProperty("hpf.adversary.strike", "0.12"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where and what the simulation books: an outlet taking three members a slot for this service. */
    private static final String OUTLET = "xs-citizen-centre";
    private static final String SERVICE = "WITHDRAW_SERIOUS_ILLNESS";

    @Inject
    FaultPoints points;
    @Inject
    HoldRecovery recovery;
    @Inject
    PayoutDispatcher dispatcher;
    @Inject
    PayoutRecovery payoutRecovery;
    @Inject
    AutoTransferJob autoTransfers;
    @Inject
    AdmissionConfig admission;
    @Inject
    DbConfig db;
    @Inject
    Clock clock;

    private static final AtomicLong RUNS = new AtomicLong();
    private final Map<String, AtomicLong> tally = new ConcurrentHashMap<>();
    /** The partner app of every seed (registering one and its key costs seconds) and its notify endpoint. */
    private NotificationReceiver receiver;
    private Fixtures.Partner partner;
    /** Whether the partner's notify endpoint is down now (503), as the running seed scripts it. */
    private volatile boolean partnerDown;

    @AfterEach
    void realTime() {
        TestClock.reset();
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The partner app, registered once, signing with the application's clock (a fresh day, years ahead). */
    private Fixtures.Partner partner() {
        if (partner == null) {
            receiver = NotificationReceiver.answering(n -> partnerDown ? 503 : 200);
            Fixtures.Partner registered = Fixtures.partner(receiver.url(), 1000);
            partner = new Fixtures.Partner(registered.appId(), registered.keyId(), registered.keys(),
                    new PartnerClient(URI.create("http://localhost:" + RestAssured.port), registered.appId(),
                            registered.keyId(), registered.keys().getPrivate(), clock));
        }
        return partner;
    }

    /** What one step of a seed does. */
    enum Kind {
        ADMIT, RETRY, BURST, REUSED_FACE, PREPAY, AUTO_TRANSFER, BANK_RETURN, PARTNER_WITHDRAW, PARTNER_RETRY,
        PARTNER_OUTAGE, REDIS_FLUSH, DISPATCHER_RESTART, BANK_SILENCE, AUDIT, APPOINTMENT, READ, TRANSFER_OUT,
        TRANSFER_IN
    }

    /** One step of a seed's script: what, and the seed of everything it draws (member, amount, which retry). */
    record Step(int index, Kind kind, long seed) {
        @Override
        public String toString() {
            return index + ":" + kind;
        }
    }

    /**
     * The seed's script. A posted transfer-out closes the account: only in a seed's second half, so withdrawals keep
     * their play.
     */
    static List<Step> script(long seed, int ops) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 11);
        List<Step> steps = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            int pick = r.nextInt(100);
            boolean late = i >= ops / 2;
            Kind kind = pick < 36 ? Kind.ADMIT : pick < 50 ? Kind.RETRY : pick < 54 ? Kind.BURST
                    : pick < 57 ? Kind.REUSED_FACE : pick < 64 ? Kind.PREPAY : pick < 67 ? Kind.AUTO_TRANSFER
                    : pick < 71 ? Kind.BANK_RETURN : pick < 77 ? Kind.PARTNER_WITHDRAW : pick < 80 ? Kind.PARTNER_RETRY
                    : pick < 81 ? Kind.PARTNER_OUTAGE : pick < 82 ? Kind.REDIS_FLUSH
                    : pick < 83 ? Kind.DISPATCHER_RESTART : pick < 85 ? Kind.BANK_SILENCE : pick < 88 ? Kind.AUDIT
                    : pick < 91 ? Kind.APPOINTMENT
                    : pick < 93 || (pick < 96 && !late) ? Kind.READ : pick < 96 ? Kind.TRANSFER_OUT
                    : Kind.TRANSFER_IN;
            steps.add(new Step(i, kind, r.nextLong()));
        }
        return steps;
    }

    /** The steps named by {@code spec} ("3,17,40-42"), all of them when it is blank. */
    static List<Step> only(List<Step> steps, String spec) {
        if (spec.isBlank()) {
            return steps;
        }
        Set<Integer> keep = new HashSet<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0].trim());
            int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
            for (int i = from; i <= to; i++) {
                keep.add(i);
            }
        }
        return steps.stream().filter(s -> keep.contains(s.index())).toList();
    }

    /** "3,17,40-42": consecutive indexes as ranges. */
    static String spec(List<Step> steps) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            int from = steps.get(i).index();
            int to = from;
            while (i + 1 < steps.size() && steps.get(i + 1).index() == to + 1) {
                to = steps.get(++i).index();
            }
            b.append(b.isEmpty() ? "" : ",").append(from).append(from == to ? "" : "-" + to);
        }
        return b.toString();
    }

    @Test
    void seedAfterSeedTheMoneyRulesHoldWhateverRedisDoes() throws Exception {
        long operations = 0;
        long started = System.nanoTime();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            List<Step> steps = only(script(seed, OPS), STEPS);
            try {
                operations += new Run(seed, steps).play();
            } catch (AssertionError | RuntimeException e) {
                String replay = "-Dhpf.adversary.first-seed=" + seed + " -Dhpf.adversary.seeds=1 -Dhpf.adversary.ops="
                        + OPS;
                String shrunk = shrink(seed, steps);
                throw new AssertionError("adversary seed " + seed + " broke a money rule (replay: " + replay
                        + (STEPS.isBlank() ? "" : " -Dhpf.adversary.steps=" + STEPS) + "): " + e.getMessage()
                        + shrunk, e);
            }
        }
        String report = "adversary: " + SEEDS + " seeds from " + FIRST_SEED + ", " + operations + " operations, "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; " + new TreeMap<>(tally);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/adversary-report.txt"), report + System.lineSeparator());
    }

    /**
     * Replays the failing seed with chunks of its steps dropped ({@link Shrinker}), keeping any shorter sequence that
     * still fails, and names the shortest with its replay.
     */
    private String shrink(long seed, List<Step> failing) {
        if (SHRINK_SECONDS <= 0 || failing.size() < 2) {
            return "";
        }
        Map<List<Step>, String> why = new HashMap<>();
        Shrinker.Shrunk<Step> shrunk = Shrinker.shrink(failing, steps -> {
            String failure = failure(seed, steps);
            if (failure != null) {
                why.put(steps, failure);
            }
            return failure != null;
        }, Duration.ofSeconds(SHRINK_SECONDS));
        String found = "\nshrunk in " + shrunk.tries() + " replays to " + shrunk.steps().size() + " of "
                + failing.size() + " steps " + shrunk.steps()
                + (why.containsKey(shrunk.steps()) ? ", failing with: " + why.get(shrunk.steps()) : "")
                + "\nreplay: -Dhpf.adversary.first-seed=" + seed + " -Dhpf.adversary.seeds=1 -Dhpf.adversary.ops="
                + OPS + " -Dhpf.adversary.steps=" + spec(shrunk.steps()) + " -Dhpf.adversary.shrink-seconds=0";
        System.out.println("adversary seed " + seed + found);
        return found;
    }

    /** Why these steps of the seed break a rule, or null when they do not. */
    private String failure(long seed, List<Step> steps) {
        try {
            new Run(seed, steps).play();
            return null;
        } catch (AssertionError | RuntimeException e) {
            return String.valueOf(e.getMessage());
        } catch (Exception e) {
            return e.toString();
        }
    }

    private void count(String what) {
        tally.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private void add(String what, long n) {
        tally.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    /** One seed: its members, its steps, its faults, and the checks after it all settled. */
    private final class Run {
        private final long seed;
        private final List<Step> steps;
        private final Random faults;
        private final MoneyModel model = new MoneyModel();
        private final List<Fixtures.Member> members = new ArrayList<>();
        private final Map<Long, String> categories = new LinkedHashMap<>();
        private final List<Request> sent = new ArrayList<>();
        private final List<Request> sentByPartner = new ArrayList<>();
        private final Map<Long, String> partnerTokens = new HashMap<>();
        private final Map<Long, RedisAdversary.Snapshot> memberSnapshots = new ConcurrentHashMap<>();
        private volatile RedisAdversary.Snapshot budgetSnapshot;
        private int partnerDownUntil = -1;
        private boolean bankSilent;
        private int bankSilentUntil = -1;
        private int transfersIn;
        private final Map<String, String> appointmentByKey = new ConcurrentHashMap<>();
        private final long run = RUNS.incrementAndGet();

        Run(long seed, List<Step> steps) {
            this.seed = seed;
            this.steps = steps;
            this.faults = new Random(seed * 31 + 7);
        }

        /** A request under a key, to be retried with the same key later; through a partner or the member's app. */
        private record Request(Fixtures.Member member, MoneyModel.Keyed key, Map<String, Object> body,
                               boolean partner) {
        }

        /** An answer as either client got it: signed is whether a partner's answer verified. */
        private record Sending(long sentAtMillis, int status, String contentType, JsonNode json, boolean signed,
                               String text) {
            String field(String name) {
                return json == null || json.get(name) == null || json.get(name).isNull() ? null
                        : json.get(name).asText();
            }
        }

        long play() throws Exception {
            TestClock.onAFreshDay();
            LocalDate today = LocalDate.now(clock.withZone(Zones.SHANGHAI));
            // Whatever a failed run before left: the bank speaking, the dispatcher claiming.
            silence(false);
            dispatcher.resume();
            DispatcherRestart.claiming(dispatcher);
            partnerDown = false;
            long t0 = System.nanoTime();
            {
                createMembers(today);
                add("ms:members", (System.nanoTime() - t0) / 1_000_000);
                try (RedisAdversary redis = AdversaryRedis.connect(); FaultScript script = new FaultScript(points)) {
                    for (FaultPoint point : FaultPoint.values()) {
                        script.always(point, member -> strike(redis, point, member, today));
                    }
                    for (Step step : steps) {
                        if (partnerDown && step.index() >= partnerDownUntil) {
                            partnerDown = false;
                        }
                        if (bankSilent && step.index() >= bankSilentUntil) {
                            silence(false);
                        }
                        step(step, today);
                    }
                }
                try (RedisAdversary redis = AdversaryRedis.connect()) {
                    redis.unpause();
                }
                long settling = System.nanoTime();
                settle(today);
                long checking = System.nanoTime();
                add("ms:settle", (checking - settling) / 1_000_000);
                check(today, receiver);
                add("ms:check", (System.nanoTime() - checking) / 1_000_000);
            }
            return steps.size();
        }

        private void createMembers(LocalDate today) {
            Random r = new Random(seed);
            // A borrower (repayments, prepayments, the monthly auto-transfer due today), a renter, a member on the
            // minimum living allowance (whole balance), a retiree (whole balance, closes the account).
            long borrowerBalance = 2_000_000 + r.nextInt(1_000_000);
            Fixtures.Member borrower = Fixtures.member().balance(borrowerBalance).loan(50_000_000).create();
            int monthsAhead = (int) ChronoUnit.MONTHS.between(YearMonth.now(Zones.SHANGHAI), YearMonth.from(today));
            Fixtures.loan(borrower.id(), 20_000_000, "0.031", 240, RepaymentMethod.EQUAL_INSTALMENT, 5, monthsAhead,
                    true);
            enrol(borrower, borrowerBalance, "LOAN_REPAYMENT");
            long renter = 3_000_000 + r.nextInt(1_000_000);
            enrol(Fixtures.member().balance(renter).withoutPurchaseContract().create(), renter, "RENT");
            long allowance = 500_000 + r.nextInt(500_000);
            enrol(Fixtures.member().balance(allowance).minimumLivingAllowance().create(), allowance,
                    "MIN_LIVING_ALLOWANCE");
            long retiree = 800_000 + r.nextInt(400_000);
            enrol(Fixtures.member().balance(retiree).bornIn(1955).create(), retiree, "RETIREMENT");
            // Every member approved the partner app.
            for (Fixtures.Member m : members) {
                partnerTokens.put(m.id(), partner().token(m, "account", "withdrawal"));
            }
        }

        private void enrol(Fixtures.Member m, long openingFen, String category) {
            members.add(m);
            categories.put(m.id(), category);
            model.opened(m.id(), openingFen);
        }

        private void step(Step step, LocalDate today) throws Exception {
            long t0 = System.nanoTime();
            try {
                run(step, new Random(step.seed()), today);
            } finally {
                add("ms:" + step.kind(), (System.nanoTime() - t0) / 1_000_000);
            }
        }

        private void run(Step step, Random r, LocalDate today) throws Exception {
            switch (step.kind()) {
                case ADMIT -> admitNew(step, r);
                case RETRY -> {
                    if (sent.isEmpty()) {
                        admitNew(step, r);
                        return;
                    }
                    Request again = sent.get(r.nextInt(sent.size()));
                    answer(again, send(again));
                    count("op:retry");
                }
                case BURST -> {
                    if (sent.isEmpty()) {
                        admitNew(step, r);
                        return;
                    }
                    Request again = sent.get(r.nextInt(sent.size()));
                    List<CompletableFuture<Sending>> burst = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        burst.add(CompletableFuture.supplyAsync(() -> send(again)));
                    }
                    for (var s : burst) {
                        answer(again, s.get());
                    }
                    count("op:burst");
                }
                case REUSED_FACE -> reuseFace(step, r);
                case PREPAY -> prepay(step, r);
                case AUTO_TRANSFER -> {
                    autoTransfers.runFor(today).await().atMost(Duration.ofSeconds(30));
                    count("op:auto-transfer");
                }
                case BANK_RETURN -> bankReturn(r);
                case PARTNER_WITHDRAW -> partnerWithdraw(step, r);
                case PARTNER_RETRY -> {
                    if (sentByPartner.isEmpty()) {
                        partnerWithdraw(step, r);
                        return;
                    }
                    Request again = sentByPartner.get(r.nextInt(sentByPartner.size()));
                    answer(again, send(again));
                    count("op:partner-retry");
                }
                case PARTNER_OUTAGE -> {
                    // The partner's notify endpoint answers 503 for a few steps; deliveries wait and are repeated.
                    partnerDown = true;
                    partnerDownUntil = Math.max(partnerDownUntil, step.index() + 1 + r.nextInt(8));
                    count("op:partner-outage");
                }
                case REDIS_FLUSH -> {
                    try (RedisAdversary redis = AdversaryRedis.connect()) {
                        redis.flush();
                    }
                    count("op:redis-flush");
                }
                case DISPATCHER_RESTART -> {
                    DispatcherRestart.restart(dispatcher, payoutRecovery);
                    count("op:dispatcher-restart");
                }
                case BANK_SILENCE -> {
                    // The bank takes and settles orders but every answer is lost, for a few steps.
                    silence(true);
                    bankSilentUntil = Math.max(bankSilentUntil, step.index() + 1 + r.nextInt(8));
                    count("op:bank-silence");
                }
                case AUDIT -> {
                    audit(today);
                    count("op:audit");
                }
                case APPOINTMENT -> appointment(step, r, today);
                case TRANSFER_OUT -> transferOut(r);
                case TRANSFER_IN -> transferIn(r);
                case READ -> {
                    Fixtures.Member m = members.get(r.nextInt(members.size()));
                    FastClient.Answer a = FastClient.get("/v1/me/account", m.token());
                    assertThat(a.status()).as("account read " + a).isLessThan(500);
                    count("op:read");
                }
            }
        }

        private void admitNew(Step step, Random r) {
            Fixtures.Member m = members.get(r.nextInt(members.size()));
            String face = Fixtures.face(m).toString();
            Request request = request(m, "k-" + seed + "-" + step.index(), face, r, false);
            sent.add(request);
            answer(request, send(request));
            count("op:admit");
        }

        /** A face verification already sent under one key, sent again under a new key (for another amount). */
        private void reuseFace(Step step, Random r) {
            if (sent.isEmpty()) {
                admitNew(step, r);
                return;
            }
            Request earlier = sent.get(r.nextInt(sent.size()));
            Request request = request(earlier.member(), "f-" + seed + "-" + step.index(), earlier.key().face, r,
                    false);
            answer(request, send(request));
            count("op:reused-face");
        }

        private Request request(Fixtures.Member m, String key, String face, Random r, boolean byPartner) {
            String category = categories.get(m.id());
            long amount = Math.max(1, switch (category) {
                case "MIN_LIVING_ALLOWANCE", "RETIREMENT" -> r.nextInt(4) == 0 ? 1 + r.nextInt(1_000_000)
                        : seenAvailable(m);
                case "RENT" -> 1 + r.nextInt(2_600_000);
                default -> 1 + r.nextInt(700_000);
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", category);
            body.put("amountFen", amount);
            if ("LOAN_REPAYMENT".equals(category)) {
                body.put("loanId", m.loanId());
            } else {
                body.put("bankCardId", m.cardId());
            }
            body.put("faceVerificationId", face);
            if (byPartner) {
                body.put("outBizNo", key);
            }
            return new Request(m, model.key(key, m.id(), face, amount, byPartner), body, byPartner);
        }

        private long seenAvailable(Fixtures.Member m) {
            FastClient.Answer a = FastClient.get("/v1/me/account", m.token());
            return a.status() == 200 ? a.number("availableFen") : 1;
        }

        /**
         * A withdrawal through the partner's signed API: its own face certification, outBizNo as the key, then
         * notified to the partner's endpoint at every status change.
         */
        private void partnerWithdraw(Step step, Random r) {
            Fixtures.Member m = members.get(r.nextInt(members.size()));
            String token = partnerTokens.get(m.id());
            PartnerClient.Reply certified = partner.client().post("/partner/v1/face-verifications",
                    Map.of("purpose", "WITHDRAWAL", "certifyId", "PASS-" + UUID.randomUUID()), token);
            assertThat(certified.status()).as("partner certification " + certified.text())
                    .isIn(201, 401, 403, 409, 422, 503);
            if (certified.status() != 201 || !"PASSED".equals(certified.json().path("status").asText())) {
                count("partner-face:" + certified.status() + " " + certified.json().path("code").asText());
                return;
            }
            Request request = request(m, "S" + seed + "x" + step.index(), certified.json().path("id").asText(), r,
                    true);
            sentByPartner.add(request);
            answer(request, send(request));
            count("op:partner-withdraw");
        }

        private Sending send(Request q) {
            long sentAt = System.currentTimeMillis();
            if (q.partner()) {
                PartnerClient.Reply reply = partner.client().post("/partner/v1/withdrawals", q.body(),
                        partnerTokens.get(q.member().id()));
                JsonNode json;
                try {
                    json = reply.body() == null || reply.body().length == 0 ? null : JSON.readTree(reply.body());
                } catch (IOException e) {
                    json = null;
                }
                String type = reply.header("Content-Type");
                return new Sending(sentAt, reply.status(), type == null ? "" : type, json, reply.verified(),
                        reply.text());
            }
            FastClient.Answer a = FastClient.post("/v1/withdrawals", q.member().token(), q.key().key, q.body());
            return new Sending(sentAt, a.status(), a.contentType(), a.json(), false, a.body());
        }

        private void answer(Request q, Sending s) {
            String channel = q.partner() ? "partner " : "";
            if (q.partner() && s.status() == 401) {
                // The partner gate could not prove a fresh nonce unused while Redis failed: refused before anything
                // was done, to be signed again.
                assertThat(s.field("code")).as(s.text()).isEqualTo("NONCE_REPLAYED");
            } else {
                assertThat(s.status()).as("an admission answer: " + s.text()).isIn(201, 400, 409, 422, 503);
            }
            String id = null;
            long amount = 0;
            if (s.status() >= 400) {
                assertThat(s.contentType()).as(s.text()).startsWith("application/problem+json");
                count("answer:" + channel + s.status() + " " + s.field("code"));
            } else {
                count("answer:" + channel + "201");
                if (q.partner()) {
                    assertThat(s.signed()).as("a partner's 201 is signed: " + s.text()).isTrue();
                }
                id = s.field("id");
                amount = s.json().path("amountFen").asLong(-1);
            }
            model.answered(q.key(), new MoneyModel.Answer(s.sentAtMillis(), s.status(),
                    s.status() >= 400 ? s.field("code") : "", id, amount));
        }

        private void prepay(Step step, Random r) {
            Fixtures.Member m = members.get(0);
            long loan = Db.queryLong("SELECT id FROM loan WHERE member_id = " + m.id() + " AND auto_transfer");
            FastClient.Answer quote = FastClient.post("/v1/me/loans/" + loan + "/prepayment-quotes", m.token(), null,
                    Map.of("amountFen", 10_000 + r.nextInt(200_000), "mode", "SHORTEN_TERM"));
            assertThat(quote.status()).as("quote " + quote).isIn(201, 422);
            if (quote.status() != 201) {
                count("op:prepay-quote-refused");
                return;
            }
            model.quoted(quote.text("id"), quote.number("amountFen"));
            String face = Fixtures.face(m, "PREPAYMENT").toString();
            MoneyModel.Keyed key = model.key("p-" + seed + "-" + step.index(), m.id(), face,
                    quote.number("amountFen"), false);
            Map<String, Object> body = Map.of("quoteId", quote.text("id"), "source", "HPF_BALANCE",
                    "faceVerificationId", face);
            for (int attempt = 0; attempt < 2; attempt++) {
                long sentAt = System.currentTimeMillis();
                FastClient.Answer a = FastClient.post("/v1/me/loans/" + loan + "/prepayments", m.token(), key.key,
                        body);
                assertThat(a.status()).as("prepayment " + a).isIn(201, 409, 422, 503);
                count("prepay:" + a.status());
                model.answered(key, new MoneyModel.Answer(sentAt, a.status(), a.status() >= 400 ? a.text("code") : "",
                        a.status() == 201 ? a.text("id") : null, a.status() == 201 ? a.number("amountFen") : 0));
            }
        }

        private void bankReturn(Random r) {
            String paid = Db.queryString("SELECT string_agg(id::text, ',' ORDER BY created_at) FROM withdrawal "
                    + "WHERE member_id = ANY (" + idArray() + ") AND status = 'PAID' AND NOT settled_internally");
            if (paid == null) {
                return;
            }
            String[] ids = paid.split(",");
            String id = ids[r.nextInt(ids.length)];
            FastClient.Answer a = FastClient.post("/sandbox/bank/payouts/" + id + "/return", Api.operatorToken(), null,
                    Map.of("reason", "ACCOUNT_CLOSED"));
            assertThat(a.status()).as("return " + a).isIn(200, 404, 409);
            count("op:return " + a.status());
        }

        /**
         * Another centre asks, through the sandbox platform, for a member's balance; the platform then confirms or
         * cancels. Its signed notifications arrive late, some twice, and are repeated until answered 2xx, while the
         * faults strike at the transfer's steps and withdrawals of the same member run beside it.
         */
        private void transferOut(Random r) {
            Fixtures.Member m = members.get(r.nextInt(members.size()));
            FastClient.Answer a = FastClient.post("/sandbox/transfer-platform/transfers-out", Api.operatorToken(), null,
                    Map.of("accountNo", m.memberNo(), "idNumber", m.idNumber(), "destinationCentreCode", "310000",
                            "destinationAccountNo", "SH" + seed, "outcome", r.nextBoolean() ? "CANCEL" : "CONFIRM"));
            assertThat(a.status()).as("transfer-out started " + a).isEqualTo(201);
            count("op:transfer-out");
        }

        /** A member asks for a balance at another centre (a fresh account there, sometimes frozen). */
        private void transferIn(Random r) {
            Fixtures.Member m = members.get(r.nextInt(members.size()));
            // Unique per run: a shrinking replay of the seed fills fresh accounts at the other centre.
            String account = "AD" + seed + "R" + run + "X" + transfersIn++;
            long amount = 1 + r.nextInt(300_000);
            model.origin(account, amount);
            FastClient.Answer origin = FastClient.post("/sandbox/transfer-platform/origin-accounts",
                    Api.operatorToken(), null, Map.of("centreCode", "320100", "accountNo", account,
                            "idNumber", m.idNumber(), "name", "测试", "balanceFen", amount,
                            "frozen", r.nextInt(5) == 0));
            assertThat(origin.status()).as("origin account " + origin).isEqualTo(200);
            FastClient.Answer a = FastClient.post("/v1/me/transfers-in", m.token(), "t-" + seed + "-" + account,
                    Map.of("originCentreCode", "320100", "originAccountNo", account));
            assertThat(a.status()).as("transfer-in " + a).isIn(201, 503);
            count("transfer-in:" + a.status());
        }

        /**
         * A member books one of the first slots of a coming day (four members, three seats: they compete), retries
         * with the same key, and sometimes cancels.
         */
        private void appointment(Step step, Random r, LocalDate today) {
            Fixtures.Member m = members.get(r.nextInt(members.size()));
            LocalDate day = today.plusDays(1 + r.nextInt(3));
            FastClient.Answer slots = FastClient.get("/v1/appointments/slots?outletId=" + OUTLET + "&service="
                    + SERVICE + "&date=" + day, null);
            assertThat(slots.status()).as("slots " + slots).isEqualTo(200);
            JsonNode items = slots.json().path("items");
            if (items.isEmpty()) {
                count("op:appointment-no-slot");
                return;
            }
            String start = items.get(r.nextInt(Math.min(2, items.size()))).path("start").asText();
            String key = "a-" + seed + "-" + step.index();
            Map<String, Object> body = Map.of("outletId", OUTLET, "service", SERVICE, "slotStart", start);
            for (int attempt = 0; attempt < 2; attempt++) {
                FastClient.Answer a = FastClient.post("/v1/appointments", m.token(), key, body);
                assertThat(a.status()).as("booking " + a).isIn(201, 409, 422, 503);
                count("appointment:" + a.status() + (a.status() >= 400 ? " " + a.text("code") : ""));
                if (a.status() == 201) {
                    String earlier = appointmentByKey.putIfAbsent(key, a.text("id"));
                    assertThat(a.text("id")).as("key " + key + " names one appointment")
                            .isEqualTo(earlier == null ? a.text("id") : earlier);
                }
            }
            String id = appointmentByKey.get(key);
            if (id != null && r.nextInt(3) == 0) {
                int status = m.api().delete("/v1/appointments/" + id).then().extract().statusCode();
                assertThat(status).as("cancel " + id).isIn(200, 503);
                count("appointment-cancel:" + status);
            }
            count("op:appointment");
        }

        private void silence(boolean silent) {
            Api.asOperator().contentType(ContentType.JSON).body(Map.of("silent", silent)).put("/sandbox/bank/silence")
                    .then().statusCode(200);
            bankSilent = silent;
        }

        /**
         * The books at this instant (one statement, one snapshot), whatever is in flight: balance and held never
         * below zero nor held above balance, held = open withdrawals + held transfers out, the ledger sums to the
         * balance, and the day's payouts within its budget.
         */
        private void audit(LocalDate today) {
            List<Map<String, Object>> wrong = rows("SELECT a.member_id, a.balance_fen, a.held_fen, "
                    + "(SELECT coalesce(sum(e.amount_fen), 0) FROM ledger_entry e WHERE e.member_id = a.member_id) "
                    + "AS ledger, (SELECT coalesce(sum(w.amount_fen), 0) FROM withdrawal w WHERE w.member_id = "
                    + "a.member_id AND w.status IN ('ACCEPTED', 'PAYING')) + (SELECT coalesce(sum(t.amount_fen), 0) "
                    + "FROM transfer_out t WHERE t.member_id = a.member_id AND t.status = 'HELD') AS open, "
                    + "(SELECT coalesce(sum(w.amount_fen), 0) FROM withdrawal w WHERE w.budget_day = '" + today
                    + "' AND w.status <> 'FAILED' AND NOT w.settled_internally) AS today "
                    + "FROM account a WHERE a.member_id = ANY (" + idArray() + ")");
            for (Map<String, Object> row : wrong) {
                long balance = (Long) row.get("balance_fen");
                long held = (Long) row.get("held_fen");
                assertThat(balance).as("balance " + row).isGreaterThanOrEqualTo(0);
                assertThat(held).as("held " + row).isBetween(0L, balance);
                assertThat(held).as("held = open withdrawals + held transfers out " + row)
                        .isEqualTo(((Number) row.get("open")).longValue());
                assertThat(balance).as("ledger sums to the balance " + row)
                        .isEqualTo(((Number) row.get("ledger")).longValue());
                assertThat(((Number) row.get("today")).longValue()).as("the day's budget " + row)
                        .isLessThanOrEqualTo(DAILY_BUDGET);
            }
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

        /**
         * Faults off, the bank speaking, the partner listening; payouts finish; recovery runs once every hold could
         * be decided; copies expire; every partner event is delivered.
         */
        private void settle(LocalDate today) {
            silence(false);
            partnerDown = false;
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
            await().atMost(Duration.ofSeconds(90)).until(() -> Db.queryLong("SELECT count(*) FROM channel_event "
                    + "WHERE app_id = '" + partner.appId() + "' AND delivery_status = 'PENDING' AND entity_id IN "
                    + "(SELECT id FROM withdrawal WHERE member_id = ANY (" + idArray() + "))") == 0L);
        }

        private void check(LocalDate today, NotificationReceiver receiver) {
            JsonPath report = reconciliation();
            assertThat(report.getBoolean("clean")).as("reconciliation clean: " + report.prettify()).isTrue();
            audit(today);
            for (Fixtures.Member m : members) {
                assertThat(Db.queryLong("SELECT held_fen FROM account WHERE member_id = " + m.id())).isZero();
            }
            assertThat(Db.queryLong("SELECT count(*) FROM payout_budget_shard WHERE budget_day = '" + today
                    + "' AND reserved_fen > " + DAILY_BUDGET / admission.budgetShards())).isZero();
            assertThat(Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = ANY (" + idArray()
                    + ") AND status NOT IN ('PAID', 'FAILED', 'RETURNED')")).as("withdrawals not final").isZero();
            checkWithdrawalsAgainstTheModel();
            checkTheBank();
            checkBalancesAgainstTheModel();
            checkTransfers();
            checkKeys();
            checkNotifications(receiver);
            checkAppointments();
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

        /**
         * Every withdrawal PostgreSQL holds is one the client asked for: under a key it sent (Idempotency-Key or
         * outBizNo), for that member, that amount and that face verification, and the one every 201 for that key
         * named; every withdrawal a 201 named exists. One face verification, one action.
         */
        private void checkWithdrawalsAgainstTheModel() {
            List<Map<String, Object>> held = rows("SELECT w.id::text AS id, w.member_id, w.amount_fen, "
                    + "w.face_verification_id::text AS face, w.status, coalesce(w.out_biz_no, (SELECT r.idem_key FROM "
                    + "idempotency_record r WHERE r.member_id = w.member_id AND r.resource_id = w.id::text LIMIT 1)) "
                    + "AS key FROM withdrawal w WHERE w.member_id = ANY (" + idArray() + ") AND NOT w.settled_internally");
            Set<String> ids = new HashSet<>();
            Set<String> faces = new HashSet<>();
            for (Map<String, Object> w : held) {
                String id = (String) w.get("id");
                ids.add(id);
                MoneyModel.Keyed k = w.get("key") == null ? null : model.key((String) w.get("key"));
                assertThat(k).as("withdrawal " + w + " under a key the client sent").isNotNull();
                assertThat(k.member).as("member of " + w).isEqualTo(w.get("member_id"));
                assertThat(k.amountFen).as("amount of " + w).isEqualTo(w.get("amount_fen"));
                assertThat(k.face).as("face verification of " + w).isEqualTo(w.get("face"));
                if (k.id != null) {
                    assertThat(k.id).as("the withdrawal key " + k.key + " was answered").isEqualTo(id);
                }
                assertThat(faces.add(k.face)).as("face verification " + k.face + " authorized one withdrawal")
                        .isTrue();
            }
            for (MoneyModel.Keyed k : model.keys()) {
                if (k.id != null && !k.key.startsWith("p-")) {
                    assertThat(ids).as("the withdrawal answered for " + k.key).contains(k.id);
                }
            }
            add("withdrawals", held.size());
        }

        /**
         * The sandbox bank paid exactly the withdrawals that are PAID (or RETURNED after being paid) here, each its
         * amount: a payout the bank paid is never FAILED (the member would keep the money and get it too), and one
         * it rejected or never received is never PAID.
         */
        private void checkTheBank() {
            for (Map<String, Object> w : rows("SELECT w.id::text AS id, w.status, w.amount_fen, p.outcome, "
                    + "p.amount_fen AS bank_amount, p.returned_at IS NOT NULL AS returned FROM withdrawal w "
                    + "LEFT JOIN sandbox_bank_payment p ON p.withdrawal_id = w.id WHERE w.member_id = ANY (" + idArray()
                    + ") AND NOT w.settled_internally")) {
                String status = (String) w.get("status");
                if ("FAILED".equals(status)) {
                    assertThat(w.get("outcome")).as("a FAILED withdrawal the bank did not pay: " + w)
                            .isNotEqualTo("PAID");
                } else {
                    assertThat(w.get("outcome")).as("a " + status + " withdrawal the bank paid: " + w)
                            .isEqualTo("PAID");
                    assertThat(w.get("bank_amount")).as("paid its amount: " + w).isEqualTo(w.get("amount_fen"));
                    assertThat(w.get("returned")).as("RETURNED exactly when the bank sent it back: " + w)
                            .isEqualTo("RETURNED".equals(status));
                }
            }
        }

        /**
         * Each member's balance is the opening balance, plus the transfers in credited (the amounts the simulation
         * put at the other centre), minus the withdrawals PAID (the amounts asked; RETURNED ones came back), the
         * prepayments (the amounts quoted), the auto-transfers and the transfers out posted.
         */
        private void checkBalancesAgainstTheModel() {
            Map<Long, Long> expected = new HashMap<>();
            members.forEach(m -> expected.put(m.id(), model.opening(m.id())));
            for (Map<String, Object> t : rows("SELECT member_id, origin_account_no, amount_fen FROM transfer_in "
                    + "WHERE status = 'CREDITED' AND member_id = ANY (" + idArray() + ")")) {
                Long asked = model.origin((String) t.get("origin_account_no"));
                assertThat(asked).as("transfer in " + t + " from an account the simulation filled").isNotNull();
                assertThat(t.get("amount_fen")).as("credited what the other centre held " + t).isEqualTo(asked);
                expected.merge((Long) t.get("member_id"), asked, Long::sum);
            }
            for (Map<String, Object> w : rows("SELECT w.id::text AS id, w.member_id, coalesce(w.out_biz_no, "
                    + "(SELECT r.idem_key FROM idempotency_record r WHERE r.member_id = w.member_id AND r.resource_id "
                    + "= w.id::text LIMIT 1)) AS key FROM withdrawal w WHERE w.status = 'PAID' AND NOT "
                    + "w.settled_internally AND w.member_id = ANY (" + idArray() + ")")) {
                expected.merge((Long) w.get("member_id"), -model.key((String) w.get("key")).amountFen, Long::sum);
            }
            for (Map<String, Object> p : rows("SELECT member_id, quote_id::text AS quote, amount_fen FROM prepayment "
                    + "WHERE member_id = ANY (" + idArray() + ")")) {
                Long quoted = model.quote((String) p.get("quote"));
                assertThat(quoted).as("prepayment " + p + " of a quote the simulation was given").isNotNull();
                assertThat(p.get("amount_fen")).as("prepaid what was quoted " + p).isEqualTo(quoted);
                expected.merge((Long) p.get("member_id"), -quoted, Long::sum);
            }
            for (Map<String, Object> a : rows("SELECT member_id, amount_fen FROM loan_auto_transfer WHERE status = "
                    + "'PAID' AND member_id = ANY (" + idArray() + ")")) {
                expected.merge((Long) a.get("member_id"), -(Long) a.get("amount_fen"), Long::sum);
            }
            for (Map<String, Object> t : rows("SELECT member_id, amount_fen FROM transfer_out WHERE status = 'POSTED' "
                    + "AND member_id = ANY (" + idArray() + ")")) {
                expected.merge((Long) t.get("member_id"), -(Long) t.get("amount_fen"), Long::sum);
            }
            for (Fixtures.Member m : members) {
                assertThat(Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id()))
                        .as("balance of member " + m.id() + " as the model has it").isEqualTo(expected.get(m.id()));
            }
        }

        /** Every transfer ended, and every platform notification was answered 2xx in the end (none abandoned). */
        private void checkTransfers() {
            assertThat(Db.queryLong("SELECT count(*) FROM transfer_out WHERE member_id = ANY (" + idArray()
                    + ") AND status NOT IN ('POSTED', 'VOIDED', 'REFUSED')")).as("transfers out not final").isZero();
            assertThat(Db.queryLong("SELECT count(*) FROM transfer_in WHERE member_id = ANY (" + idArray()
                    + ") AND status NOT IN ('CREDITED', 'REJECTED')")).as("transfers in not final").isZero();
            assertThat(Db.queryString("SELECT string_agg(d.type || ' ' || d.last_status, ', ') FROM "
                    + "sandbox_transfer_delivery d JOIN sandbox_transfer t ON t.transfer_id = d.transfer_id "
                    + "WHERE t.id_number = ANY (" + idNumbers() + ") AND d.gave_up_at IS NOT NULL"))
                    .as("notifications abandoned").isNull();
            add("transfers-out posted", Db.queryLong("SELECT count(*) FROM transfer_out WHERE status = 'POSTED' AND "
                    + "member_id = ANY (" + idArray() + ")"));
            add("transfers-in credited", Db.queryLong("SELECT count(*) FROM transfer_in WHERE status = 'CREDITED' AND "
                    + "member_id = ANY (" + idArray() + ")"));
        }

        /**
         * A key whose operation committed never answered a refusal to a request sent after the committing statement
         * began (its attempt held the key by then: a retry must wait or replay; a refusal before that may have been
         * true when given, and a later attempt may have succeeded).
         */
        private void checkKeys() {
            // One query for every key (a connection per key cost most of a seed's check).
            Map<String, Long> committed = new HashMap<>();
            for (Map<String, Object> c : rows("SELECT member_id || ' ' || idem_key AS key, (extract(epoch FROM "
                    + "created_at) * 1000)::bigint AS ms FROM idempotency_record WHERE member_id = ANY (" + idArray()
                    + ") UNION ALL SELECT member_id || ' ' || out_biz_no, (extract(epoch FROM created_at) * 1000)"
                    + "::bigint FROM withdrawal WHERE out_biz_no IS NOT NULL AND member_id = ANY (" + idArray() + ")")) {
                committed.merge((String) c.get("key"), (Long) c.get("ms"), Math::max);
            }
            for (MoneyModel.Keyed k : model.keys()) {
                long committedAt = committed.getOrDefault(k.member + " " + k.key, -1L);
                if (committedAt >= 0) {
                    assertThat(k.answers).as("answers for " + k.key + " (committed at " + committedAt + ")")
                            .noneMatch(a -> a.sentAtMillis() > committedAt && (a.status() == 400 || a.status() == 422));
                }
                if (!k.answers.isEmpty() && k.answers.get(0).status() == 409) {
                    count("first answer 409 " + k.answers.get(0).code());
                }
            }
        }

        /**
         * The partner was told: every notification it received verifies as the centre's, none was abandoned, and
         * for each of its withdrawals the event with the highest sequence names the withdrawal's final status.
         */
        private void checkNotifications(NotificationReceiver receiver) {
            assertThat(Db.queryLong("SELECT count(*) FROM channel_event WHERE app_id = '" + partner.appId()
                    + "' AND delivery_status <> 'DELIVERED' AND entity_id IN (SELECT id FROM withdrawal WHERE "
                    + "member_id = ANY (" + idArray() + "))")).as("partner events not delivered").isZero();
            Map<String, String> finalStatus = rows("SELECT id::text AS id, status FROM withdrawal WHERE app_id = '"
                    + partner.appId() + "' AND member_id = ANY (" + idArray() + ")").stream()
                    .collect(Collectors.toMap(w -> (String) w.get("id"), w -> (String) w.get("status")));
            Map<String, JsonNode> last = new HashMap<>();
            int received = 0;
            for (NotificationReceiver.Received r : receiver.received()) {
                if (finalStatus.keySet().stream().noneMatch(id -> r.text().contains(id))) {
                    continue; // another seed's
                }
                received++;
                // Read as of when it was sent: a long seed outlasts the client's window for a recent signature.
                String at = r.headers().get("Hpf-Timestamp");
                assertThat(at).as("notification timestamped: " + r.headers()).isNotNull();
                PartnerClient then = new PartnerClient(URI.create("http://localhost:" + RestAssured.port),
                        partner.appId(), partner.keyId(), partner.keys().getPrivate(),
                        Clock.fixed(Instant.ofEpochSecond(Long.parseLong(at)), ZoneOffset.UTC));
                assertThat(then.verifyNotification(r.headers(), r.body()))
                        .as("notification signed by the centre: " + r.text()).isTrue();
                JsonNode event;
                try {
                    event = JSON.readTree(r.body());
                } catch (IOException e) {
                    throw new AssertionError("notification not JSON: " + r.text(), e);
                }
                if (!"withdrawal.status_changed".equals(event.path("type").asText())) {
                    continue;
                }
                last.merge(event.path("data").path("id").asText(), event,
                        (a, b) -> a.path("sequence").asLong() >= b.path("sequence").asLong() ? a : b);
            }
            for (var w : finalStatus.entrySet()) {
                JsonNode event = last.get(w.getKey());
                assertThat(event).as("partner told of withdrawal " + w.getKey()).isNotNull();
                assertThat(event.path("data").path("status").asText()).as("last notification of " + w.getKey())
                        .isEqualTo(w.getValue());
            }
            add("partner withdrawals", finalStatus.size());
            add("partner notifications received", received);
        }

        /**
         * Every slot the simulation's members booked counts exactly its BOOKED and PAST appointments (seats given
         * back once) and never more than its capacity; one active appointment per member and service.
         */
        private void checkAppointments() {
            List<Map<String, Object>> wrong = rows("SELECT s.starts_at::text AS slot, s.booked, c.capacity_per_slot, "
                    + "(SELECT count(*) FROM appointment a WHERE a.outlet_id = s.outlet_id AND a.service_code = "
                    + "s.service_code AND a.starts_at = s.starts_at AND a.status IN ('BOOKED', 'PAST')) AS taken "
                    + "FROM appointment_slot s JOIN appointment_capacity c ON c.outlet_id = s.outlet_id AND "
                    + "c.service_code = s.service_code AND c.weekday = extract(isodow FROM s.starts_at AT TIME ZONE "
                    + "'Asia/Shanghai') WHERE (s.outlet_id, s.service_code, s.starts_at) IN (SELECT outlet_id, "
                    + "service_code, starts_at FROM appointment WHERE member_id = ANY (" + idArray() + "))");
            for (Map<String, Object> slot : wrong) {
                long booked = ((Number) slot.get("booked")).longValue();
                assertThat(booked).as("seats of " + slot).isEqualTo(((Number) slot.get("taken")).longValue());
                assertThat(booked).as("capacity of " + slot)
                        .isLessThanOrEqualTo(((Number) slot.get("capacity_per_slot")).longValue());
            }
            assertThat(Db.queryLong("SELECT count(*) FROM (SELECT member_id FROM appointment WHERE member_id = ANY ("
                    + idArray() + ") AND status = 'BOOKED' GROUP BY member_id, service_code HAVING count(*) > 1) x"))
                    .as("one active appointment per member and service").isZero();
            add("appointments", Db.queryLong("SELECT count(*) FROM appointment WHERE member_id = ANY (" + idArray()
                    + ")"));
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

    private static List<Map<String, Object>> rows(String sql) {
        try (Connection c = Db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static JsonPath reconciliation() {
        return Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200).extract().jsonPath();
    }
}
