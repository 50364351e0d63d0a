package cn.hpf.mobile.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.Fixtures.Partner;
import cn.hpf.mobile.support.HostileInput;
import cn.hpf.mobile.support.ServedOperations;
import cn.hpf.mobile.support.ServedOperations.Operation;
import cn.hpf.partner.client.HpfSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests to every operation of the served OpenAPI documents (the enumeration the authorization matrix
 * uses), as every kind of caller that gets past authentication (a member, a partner signing the hostile request, an
 * operator) and as nobody: garbage and truncated JSON, numbers past every limit, hostile strings, missing,
 * duplicated and wrong-typed fields, hostile path, query and header values ({@link HostileInput}).
 *
 * <p>Every answer must be one of: a 2xx or 3xx; a 4xx as problem+json with a {@code code}; a 503 with one of the
 * codes of {@link #DELIBERATE_503} (nothing was done, retry). Never another 5xx, never a hung request. Background jobs
 * are paused, and the requests go in chunks: the money state (every row of the ledger, accounts and holds,
 * withdrawals and their payouts, loans, prepayments, transfers, face verifications) and the fuzzing member's Redis
 * keys after a chunk must equal those before it, unless the operation has an unsafe method and a request of the
 * chunk was accepted (2xx): such a chunk legitimately moves state and becomes the next baseline once settled. A
 * safe method (GET, HEAD) moves no money state whatever it answers, so its chunks are always compared.
 *
 * <p>{@code bin/test} sends {@code hpf.fuzz.per-operation} requests per operation from the fixed seed
 * {@code hpf.fuzz.seed}; {@code bin/fuzz} is the long form. Request N of an operation is the same whatever the count,
 * so a longer run starts with the requests of a shorter one. A failure names its seed, operation and request index:
 * {@code -Dhpf.fuzz.seed=S -Dhpf.fuzz.operation="POST /v1/withdrawals" -Dhpf.fuzz.request=N}
 * (or {@code N-M}) replays exactly those requests. Counts go to {@code target/hostile-input-report.txt}.
 */
@QuarkusTest
@TestProfile(HostileInputTest.Hostile.class)
class HostileInputTest {

    /** Brute-force limits off (every request comes from 127.0.0.1), and account copies that outlive the run. */
    public static class Hostile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new TreeMap<>();
            c.put("hpf.rate-limit.enabled", "false");
            // The fuzzer keeps more operator requests in flight than one operator would send: shedding them
            // (SERVICE_BUSY) would only hide the operations' answers.
            c.put("hpf.backpressure.operations", "128");
            // A copy expiring between two snapshots is no request's doing.
            c.put("hpf.redis.account-ttl", "PT2H");
            return c;
        }
    }

    /**
     * The 503s that are deliberate: nothing was done and the client is told to retry. SERVICE_BUSY (the pool is
     * full: the fuzzer's own concurrency on a small machine), SESSION_CHECK_UNAVAILABLE (the revocation list is too
     * stale to trust on a loaded machine), ADMISSIONS_PAUSED (after a fuzzed operator pause, undone after its
     * operation), DAILY_BUDGET_EXHAUSTED (a fuzzed withdrawal that was valid may use up the day's budget),
     * PARTNER_API_UNAVAILABLE (the partner's replay check got no answer from Redis in time: refused before anything
     * ran). Any other 5xx is a failure.
     */
    static final Set<String> DELIBERATE_503 = Set.of("SERVICE_BUSY", "SESSION_CHECK_UNAVAILABLE", "ADMISSIONS_PAUSED",
            "DAILY_BUDGET_EXHAUSTED", "PARTNER_API_UNAVAILABLE");

    private static final long SEED = Long.getLong("hpf.fuzz.seed", 20_261_203L);
    private static final int PER_OPERATION = Integer.getInteger("hpf.fuzz.per-operation", 1_000);
    /**
     * Requests per state comparison. An unsafe operation's chunk with a 2xx is not compared, so its chunks stay
     * small; a safe operation's are always compared, and larger ones spend less time draining the requests in flight.
     */
    private static final int CHUNK = Integer.getInteger("hpf.fuzz.chunk", 100);
    private static final int SAFE_CHUNK = Integer.getInteger("hpf.fuzz.safe-chunk", 250);
    private static final int IN_FLIGHT = Integer.getInteger("hpf.fuzz.in-flight", 32);
    private static final long SETTLE_POLL_MS = Long.getLong("hpf.fuzz.settle-poll-ms", 25);
    private static final String ONLY_OPERATION = System.getProperty("hpf.fuzz.operation");
    private static final String ONLY_REQUESTS = System.getProperty("hpf.fuzz.request");
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Caller { ANONYMOUS, MEMBER, PARTNER, OPERATOR }

    record Answer(int status, String contentType, String body, String error) {
    }

    /** A request that broke a rule, with what replays it. */
    record Failure(String operation, int index, String rule, String request, String answer) {
        String describe() {
            return operation + " request " + index + ": " + rule + "\n  replay: -Dhpf.fuzz.seed=" + SEED
                    + " -Dhpf.fuzz.operation=\"" + operation + "\" -Dhpf.fuzz.request=" + index + "\n  " + request
                    + "\n  answered: " + answer;
        }
    }

    @Inject
    Scheduler scheduler;
    @Inject
    PayoutDispatcher dispatcher;
    @Inject
    RedisDataSource redis;

    private Member member;
    private Partner partner;
    private String partnerMemberToken;
    private String operatorToken;
    private Vertx vertx;
    private HttpClient client;
    private Connection db;

    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Map<String, AtomicLong>> counts = new TreeMap<>();
    private final Map<String, Long> perOperation = new LinkedHashMap<>();
    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong comparedAccepted = new AtomicLong();
    private final AtomicLong comparedRequests = new AtomicLong();
    private final AtomicLong notComparedRequests = new AtomicLong();
    private final AtomicLong notCompared = new AtomicLong();
    private final AtomicLong renewed = new AtomicLong();
    /** Where the time goes, in nanoseconds: making requests, waiting for answers, snapshots, settling. */
    private final Map<String, AtomicLong> spent = new TreeMap<>();

    @AfterEach
    void restore() throws Exception {
        scheduler.resume();
        dispatcher.resume();
        if (client != null) {
            client.close();
            vertx.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyOperationAnswersHostileInputCleanlyAndRejectedRequestsChangeNothing() throws Exception {
        long started = System.nanoTime();
        ServedOperations.Document doc = ServedOperations.served();
        assertThat(doc.operations().stream().map(Operation::key).toList())
                .as("every operation the authorization matrix enumerates is fuzzed")
                .containsExactlyElementsOf(ServedOperations.keys());
        setUp();
        HostileInput generator = new HostileInput(doc, known());
        scheduler.pause();
        dispatcher.pause();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
                .setDefaultPort(RestAssured.port).setKeepAlive(true).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
        db = Db.connect();
        long setUp = System.nanoTime();

        long requests = 0;
        for (Operation op : doc.operations()) {
            if (ONLY_OPERATION != null && !ONLY_OPERATION.equals(op.key())) {
                continue;
            }
            long opStarted = System.nanoTime();
            requests += fuzz(op, generator);
            perOperation.put(op.key(), (System.nanoTime() - opStarted) / 1_000_000);
            afterOperation(op);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - setUp).toSeconds();
        String report = report(requests, seconds, Duration.ofNanos(setUp - started).toSeconds());
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/hostile-input-report.txt"), report);
        StringBuilder all = new StringBuilder();
        failures.forEach(f -> all.append(f.describe()).append("\n\n"));
        Files.writeString(Path.of("target/hostile-input-failures.txt"), all.toString());
        assertThat(failures).as(failures.size() + " hostile requests broke a rule (all in "
                + "target/hostile-input-failures.txt); the first ones:\n" + all.substring(0,
                Math.min(all.length(), 12_000)))
                .isEmpty();
    }

    /** One operation's requests, chunk after chunk, each chunk's effect on the state checked. */
    private int fuzz(Operation op, HostileInput generator) throws Exception {
        int from = 0;
        int to = PER_OPERATION;
        if (ONLY_REQUESTS != null) {
            String[] range = ONLY_REQUESTS.split("-");
            from = Integer.parseInt(range[0]);
            to = (range.length > 1 ? Integer.parseInt(range[1]) : from) + 1;
        }
        // A safe method's answer, accepted or not, must move no money state: its chunks are always compared.
        boolean safe = op.method().equals("GET") || op.method().equals("HEAD");
        String before = state();
        int sent = 0;
        int chunk = safe ? SAFE_CHUNK : CHUNK;
        for (int chunkStart = from; chunkStart < to; chunkStart += chunk) {
            int chunkEnd = Math.min(to, chunkStart + chunk);
            Semaphore slots = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<Boolean>> accepted = new ArrayList<>();
            for (int i = chunkStart; i < chunkEnd; i++) {
                long t0 = System.nanoTime();
                Random r = new Random(SEED * 1_000_003L + op.key().hashCode() * 7_919L + i);
                HostileInput.Request q = generator.next(op, r);
                Caller who = caller(op, r);
                long t1 = System.nanoTime();
                slots.acquire();
                long t2 = System.nanoTime();
                int index = i;
                accepted.add(send(q, who).whenComplete((a, e) -> slots.release())
                        .thenApply(a -> judge(op, index, q, who, a)));
                long t3 = System.nanoTime();
                spend("generate", t1 - t0);
                spend("wait for a slot", t2 - t1);
                spend("sign and send", t3 - t2);
            }
            long t4 = System.nanoTime();
            boolean anyAccepted = false;
            for (CompletableFuture<Boolean> f : accepted) {
                anyAccepted |= f.get(60, TimeUnit.SECONDS);
            }
            long t5 = System.nanoTime();
            spend("wait for the chunk's last answers", t5 - t4);
            sent += chunkEnd - chunkStart;
            String after = state();
            spend("state snapshot", System.nanoTime() - t5);
            if (anyAccepted && !safe) {
                // Accepted requests move state, some of it a moment later (a transfer's courier): the next chunk
                // starts from the settled state.
                notCompared.incrementAndGet();
                notComparedRequests.addAndGet(chunkEnd - chunkStart);
                long t6 = System.nanoTime();
                after = settled(after);
                spend("settling", System.nanoTime() - t6);
            } else {
                compared.incrementAndGet();
                comparedRequests.addAndGet(chunkEnd - chunkStart);
                if (anyAccepted) {
                    comparedAccepted.incrementAndGet();
                }
                if (!after.equals(before)) {
                    synchronized (failures) {
                        failures.add(new Failure(op.key(), chunkStart, "state changed by a chunk of rejected requests "
                                + "(replay the chunk: -Dhpf.fuzz.request=" + chunkStart + "-" + (chunkEnd - 1) + ")",
                                "before " + before, "after  " + after));
                    }
                }
            }
            before = after;
        }
        return sent;
    }

    /** Checks one answer and counts it; true when the request was accepted (2xx). */
    private boolean judge(Operation op, int index, HostileInput.Request q, Caller who, Answer a) {
        count(op.key(), "status " + a.status() + (a.status() >= 500 ? " " + problemCode(a) : ""));
        count("category " + q.category(), "status " + a.status() / 100 + "xx");
        count("caller " + who, "status " + a.status() / 100 + "xx");
        count("total", "status " + a.status());
        String rule = rule(a);
        if (rule != null) {
            synchronized (failures) {
                failures.add(new Failure(op.key(), index, rule + " as " + who, q.describe(),
                        a.status() + " " + a.contentType() + " " + abbreviate(a.body() + a.error())));
            }
        }
        return a.status() >= 200 && a.status() < 300;
    }

    /** The rule an answer breaks, or null. */
    private static String rule(Answer a) {
        if (a.status() < 0) {
            return "no answer";
        }
        if (a.status() < 400) {
            return null;
        }
        String code = problemCode(a);
        if (a.status() >= 500) {
            return a.status() == 503 && code != null && DELIBERATE_503.contains(code) ? null
                    : "a " + a.status() + (code == null ? "" : " " + code);
        }
        return code == null ? "a " + a.status() + " without a problem+json body with a code" : null;
    }

    private static String problemCode(Answer a) {
        if (a.contentType() == null || !a.contentType().split(";")[0].trim().equals("application/problem+json")) {
            return null;
        }
        try {
            JsonNode code = JSON.readTree(a.body()).path("code");
            return code.isTextual() && !code.asText().isBlank() ? code.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Mostly the kind of caller the operation is for (so the input reaches it), sometimes any other. */
    private static Caller caller(Operation op, Random r) {
        List<Caller> meant = new ArrayList<>();
        if (op.path().startsWith("/partner/") && !op.security().isEmpty()) {
            meant.add(Caller.PARTNER);
        }
        if (op.security().contains("memberJwt")) {
            meant.add(Caller.MEMBER);
        }
        if (op.security().contains("operatorJwt")) {
            meant.add(Caller.OPERATOR);
        }
        if (meant.isEmpty() || r.nextInt(10) < 3) {
            return Caller.values()[r.nextInt(Caller.values().length)];
        }
        return meant.get(r.nextInt(meant.size()));
    }

    private CompletableFuture<Answer> send(HostileInput.Request q, Caller who) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.valueOf(q.method())).setURI(q.target())
                .setIdleTimeout(30_000);
        q.headers().forEach(o::putHeader);
        if (q.contentType() != null) {
            o.putHeader("Content-Type", q.contentType());
        }
        switch (who) {
            case MEMBER -> o.putHeader("Authorization", "Bearer " + member.token());
            case OPERATOR -> o.putHeader("Authorization", "Bearer " + operatorToken);
            case PARTNER -> {
                String ts = Long.toString(Instant.now().getEpochSecond());
                String nonce = HpfSignature.newNonce();
                String sig = HpfSignature.sign(partner.keys().getPrivate(),
                        HpfSignature.requestBytes(q.method(), q.target(), ts, nonce, q.body()));
                o.putHeader("Authorization", HpfSignature.authorization(partner.appId(), partner.keyId(), ts, nonce,
                        sig));
                o.putHeader(HpfSignature.MEMBER_TOKEN_HEADER, partnerMemberToken);
            }
            default -> {
            }
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            client.request(o).compose(req -> (q.body() == null ? req.send() : req.send(Buffer.buffer(q.body())))
                            .compose(resp -> {
                                String type = resp.getHeader("Content-Type");
                                if (type != null && type.startsWith("text/event-stream")) {
                                    // A stream does not end: its status is the answer.
                                    resp.request().reset();
                                    return Future.succeededFuture(new Answer(resp.statusCode(), type, "", ""));
                                }
                                return resp.body().map(b -> new Answer(resp.statusCode(), type,
                                        b.toString(StandardCharsets.UTF_8), ""));
                            }))
                    .onComplete(ar -> answer.complete(ar.succeeded() ? ar.result()
                            : new Answer(-1, null, "", String.valueOf(ar.cause()))));
        } catch (RuntimeException e) {
            answer.complete(new Answer(-1, null, "", "not sent: " + e));
        }
        return answer;
    }

    /** The tables of the money state, each digested whole (every column of every row) by {@link #STATE_SQL}. */
    private static final List<String> MONEY_TABLES = List.of("ledger_entry", "account", "withdrawal", "payout_outbox",
            "loan", "prepayment", "transfer_in", "transfer_out", "face_verification");

    /**
     * The money state in one statement: readable counts and sums (what a failure shows), a digest of each money
     * table's rows, and how many sandbox transfer deliveries are about to go (an accepted transfer goes on for a few
     * deliveries: the state has not settled while one is due).
     */
    private static final String STATE_SQL = "SELECT concat_ws(' | ', "
            + "(SELECT count(*) || '/' || coalesce(sum(amount_fen), 0) FROM ledger_entry), "
            + "(SELECT count(*) || '/' || sum(balance_fen) || '/' || sum(held_fen) || '/' || sum(version) "
            + "FROM account), "
            + "(SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT status, count(*) n "
            + "FROM withdrawal GROUP BY status) w), "
            + "(SELECT count(*) || '/' || coalesce(sum(outstanding_principal_fen), 0) || '/' "
            + "|| count(*) FILTER (WHERE auto_transfer) FROM loan), "
            + "(SELECT count(*) FILTER (WHERE consumed_by IS NOT NULL) FROM face_verification), "
            + String.join(" || ' ' || ", MONEY_TABLES.stream().map(t -> "(SELECT left(md5(coalesce(string_agg(t::text, "
                    + "';' ORDER BY t::text), '')), 8) FROM " + t + " t)").toList())
            + "), (SELECT count(*) FROM sandbox_transfer_delivery WHERE delivered_at IS NULL AND gave_up_at IS NULL "
            + "AND deliver_at < now() + interval '5 seconds')";

    /** The fuzzing member's Redis keys, each with a digest of its serialized value, in one round trip. */
    private static final String REDIS_STATE = "local keys = redis.call('KEYS', ARGV[1]) table.sort(keys) "
            + "local out = {} for _, k in ipairs(keys) do local d = redis.call('DUMP', k) "
            + "out[#out + 1] = k .. '=' .. (d and string.sub(redis.sha1hex(d), 1, 12) or '-') end "
            + "return table.concat(out, ' | ')";

    /** A snapshot, and the sandbox deliveries due (not part of the state: what settling waits for). */
    private record Snapshot(String state, long due) {
    }

    /**
     * What a rejected request must not move: the ledger, balances and holds, withdrawals and their payouts, loans,
     * prepayments, transfers, face verifications, and the fuzzing member's Redis keys.
     */
    private String state() throws Exception {
        return snapshot().state();
    }

    private Snapshot snapshot() throws Exception {
        String sql;
        long due;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(STATE_SQL)) {
            rs.next();
            sql = rs.getString(1);
            due = rs.getLong(2);
        }
        String keys = redis.execute("EVAL", REDIS_STATE, "0", "{m:" + member.id() + "}*").toString();
        return new Snapshot(sql + " | " + keys, due);
    }

    /**
     * The state once accepted requests stopped moving it: the sandbox transfer platform has delivered what is due
     * and two reads a moment apart agree; or as it is after a while.
     */
    private String settled(String first) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = first;
        while (System.nanoTime() < until) {
            Thread.sleep(SETTLE_POLL_MS);
            Snapshot now = snapshot();
            if (now.due() == 0 && now.state().equals(last)) {
                return last;
            }
            last = now.state();
        }
        return last;
    }

    /**
     * Undoes what an operation's accepted requests switch off for the others (an operator's pause, a silent sandbox
     * bank), and renews a credential the operation revoked (the operator's session after a logout).
     */
    private void afterOperation(Operation op) {
        if (op.path().startsWith("/v1/ops/admissions/") || op.path().startsWith("/v1/ops/payouts/")) {
            for (String what : List.of("admissions", "payouts")) {
                given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("reason", "fuzz done"))
                        .post("/v1/ops/" + what + "/resume");
            }
        }
        if (op.path().startsWith("/sandbox/bank/silence")) {
            given().auth().oauth2(operatorToken).contentType(ContentType.JSON).body(Map.of("silent", false))
                    .put("/sandbox/bank/silence");
        }
        if (given().auth().oauth2(operatorToken).get("/v1/ops/switches").statusCode() != 200) {
            operatorToken = operatorLogin();
            renewed.incrementAndGet();
        }
        if (given().auth().oauth2(member.token()).get("/v1/me/account").statusCode() != 200) {
            throw new IllegalStateException("the fuzzing member's token stopped working after " + op.key());
        }
    }

    private void setUp() {
        operatorToken = operatorLogin();
        member = Fixtures.member().balance(5_000_000).loan(20_000_000).create();
        partner = Fixtures.partner();
        partnerMemberToken = partner.token(member, "account", "statements", "withdrawal", "loans");
        // The account's Redis copy exists before the first chunk: a refill is no request's doing.
        member.api().get("/v1/me/account").then().statusCode(200);
    }

    /** Values a real client of the fuzzing member would send, so that some hostile requests get past the door. */
    private Map<String, List<Object>> known() {
        Map<String, List<Object>> k = new LinkedHashMap<>();
        k.put("bankCardId", List.of(member.cardId()));
        k.put("loanId", List.of(member.loanId()));
        List<Object> faces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            faces.add(Fixtures.face(member).toString());
        }
        faces.add(Fixtures.face(member, "PREPAYMENT").toString());
        k.put("faceVerificationId", faces);
        k.put("memberNo", List.of(member.memberNo()));
        k.put("login", List.of(member.memberNo()));
        k.put("/v1/me/loans/{id}#id", List.of(member.loanId()));
        k.put("/partner/v1/loans/{id}#id", List.of(member.loanId()));
        long second = Fixtures.loan(member.id(), 10_000_000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 12, 0,
                false);
        k.put("/v1/me/loans/{id}/prepayment-quotes#id", List.of(member.loanId(), second));
        return k;
    }

    private static String operatorLogin() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "ops", "password", "Ops@2026"))
                .post("/v1/auth/operator-token").then().statusCode(200).extract().path("accessToken");
    }

    private void spend(String what, long nanos) {
        spent.computeIfAbsent(what, w -> new AtomicLong()).addAndGet(nanos);
    }

    private void count(String group, String what) {
        synchronized (counts) {
            counts.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(what, w -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    private String report(long requests, long seconds, long setUpSeconds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("hostile input: seed %d, %d per operation, %d operations, %d requests in %d s "
                        + "(%.0f/s; set-up %d s), %d failures%n", SEED, PER_OPERATION, perOperation.size(), requests,
                seconds, requests / Math.max(1.0, seconds), setUpSeconds, failures.size()));
        s.append(String.format("state compared after %d chunks of %d requests (%d chunks with a 2xx to a safe method); "
                + "%d chunks of %d requests had a 2xx to an unsafe method (not compared); %d credentials renewed%n",
                compared.get(), comparedRequests.get(), comparedAccepted.get(), notCompared.get(),
                notComparedRequests.get(), renewed.get()));
        s.append("time spent (s):");
        spent.forEach((what, nanos) -> s.append(String.format(" %s %.1f;", what, nanos.get() / 1e9)));
        s.append('\n');
        counts.forEach((group, byWhat) -> s.append(String.format("  %-64s %s%n", group, byWhat)));
        s.append("milliseconds per operation:\n");
        perOperation.forEach((op, ms) -> s.append(String.format("  %6d  %s%n", ms, op)));
        return s.toString();
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "…" : oneLine;
    }
}
