package cn.hpf.mobile.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A peak withdrawal day (salary day, 30 June interest settlement, year end): an open-model arrival ramp to a
 * plateau of members, each logging in once and then doing a few things from the peak-day mix — account look-up
 * 55 %, statements 15 %, calculator 10 %, loan overview 5 %, face verification + withdrawal 15 % (sandbox face
 * provider, sandbox bank, real payouts).
 *
 * <p>A business rejection (422, e.g. a second RENT withdrawal in a month) and a deliberate 429/503 with
 * Retry-After are expected answers, not errors: they pass the checks and are counted apart in the counters
 * file. Anything else (a 404 for a route not merged, a 500, a timeout) fails the run.
 *
 * <p>System properties (defaults in brackets): baseUrl [http://127.0.0.1:8080], usersPerSec [20] arrivals per
 * second on the plateau, rampSeconds [60], plateauSeconds [120], actionsPerUser [5], thinkMs [300] mean pause
 * between actions, firstMember [1] and members [100000] (synthetic members firstMember..firstMember+members-1,
 * taken in turn), mix ["account=55,statements=15,calculator=10,loans=5,withdrawal=15"; also known: "face", the
 * face journey without a withdrawal], countersFile
 * [target/gatling/loadtest-counters.json], phase [measure] or "warmup" (a constant usersPerSec for rampSeconds
 * without assertions).
 */
public class PeakDaySimulation extends Simulation {

    private static final String PASSWORD = "Load@2026";
    private static final String RETRY_AFTER = "Retry-After";
    private static final int LOGIN_ATTEMPTS = 3;
    private static final long MAX_LOGIN_WAIT_SECONDS = 5;

    private final String baseUrl = System.getProperty("baseUrl", "http://127.0.0.1:8080");
    private final double usersPerSec = Double.parseDouble(System.getProperty("usersPerSec", "20"));
    private final int rampSeconds = Integer.getInteger("rampSeconds", 60);
    private final int plateauSeconds = Integer.getInteger("plateauSeconds", 120);
    private final int actionsPerUser = Integer.getInteger("actionsPerUser", 5);
    private final int thinkMs = Integer.getInteger("thinkMs", 300);
    private final int firstMember = Integer.getInteger("firstMember", 1);
    private final int members = Integer.getInteger("members", 100_000);
    private final boolean warmup = "warmup".equals(System.getProperty("phase", "measure"));
    private final Map<String, Double> mix = parseMix(
            System.getProperty("mix", "account=55,statements=15,calculator=10,loans=5,withdrawal=15"));
    private final Path countersFile = Path.of(System.getProperty("countersFile", "target/gatling/loadtest-counters.json"));

    /** Expected non-2xx answers, by request name and status (and problem code for 422), reported apart. */
    private static final Map<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("hpf-loadtest");

    /** Members in turn, wrapping around: a member seen twice may get the 422 of a second RENT in a month. */
    private final Iterator<Map<String, Object>> memberFeeder = new Iterator<>() {
        private final AtomicLong next = new AtomicLong();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Map<String, Object> next() {
            long i = firstMember + Math.floorMod(next.getAndIncrement(), members);
            return Map.of("memberNo", String.format("8%011d", i));
        }
    };

    /**
     * Sign in as an app does: a deliberate 429/503 (the password checks are bounded and shed at once) is waited out
     * for its Retry-After and tried again, up to {@link #LOGIN_ATTEMPTS} times; a member still without a token then
     * leaves (counted as "login gave up"), like a member who closes the app.
     */
    private final ChainBuilder login = exec(session -> session.set("loginAttempts", 0))
            .asLongAs(session -> !session.contains("token") && session.getInt("loginAttempts") < LOGIN_ATTEMPTS).on(
                    exec(session -> session.set("loginAttempts", session.getInt("loginAttempts") + 1)
                            .remove("problemCode").remove("retryAfter"))
                            .exec(counted("login", http("login").post("/v1/auth/token")
                                    .body(StringBody("{\"memberNo\":\"#{memberNo}\",\"password\":\"" + PASSWORD
                                            + "\",\"channel\":\"APP\"}"))
                                    .check(jsonPath("$.code").optional().saveAs("problemCode"))
                                    .checkIf((response, session) -> response.status().code() == 200)
                                    .then(jsonPath("$.accessToken").saveAs("token"))
                                    .checkIf((response, session) -> response.status().code() != 200)
                                    .then(header(RETRY_AFTER).optional().saveAs("retryAfter")), 200))
                            .doIf(session -> !session.contains("token")).then(pause(session -> Duration.ofSeconds(
                                    Math.min(MAX_LOGIN_WAIT_SECONDS, Long.parseLong(session.contains("retryAfter")
                                            ? session.getString("retryAfter") : "1"))))))
            .doIf(session -> !session.contains("token")).then(exec(session -> {
                COUNTERS.computeIfAbsent("login gave up", k -> new LongAdder()).increment();
                return session;
            }).exitHere());

    private final ChainBuilder account = counted("account", authed(http("account").get("/v1/me/account")), 200);

    private final ChainBuilder statements = counted("statements",
            authed(http("statements").get("/v1/me/statements?limit=20")), 200);

    private final ChainBuilder loans = counted("loans", authed(http("loans").get("/v1/me/loans")), 200);

    private final ChainBuilder calculator = exec(session -> session
            .set("principalFen", 10_000_000L + ThreadLocalRandom.current().nextLong(200) * 500_000L)
            .set("termMonths", 12 * (5 + ThreadLocalRandom.current().nextInt(26)))
            .set("method", ThreadLocalRandom.current().nextInt(4) == 0 ? "EQUAL_PRINCIPAL" : "EQUAL_INSTALMENT"))
            .exec(counted("calculator", http("calculator").get(
                    "/v1/calculator/monthly-payment?principalFen=#{principalFen}&annualRate=0.026"
                            + "&termMonths=#{termMonths}&method=#{method}"), 200));

    /** Create a verification → the sandbox provider reports PASS → wait until it is PASSED. Alone in the mix as
     * "face" (not in the default mix) it exercises the face journey without a withdrawal. */
    private final ChainBuilder faceVerified = exec(
            authed(http("face verification create").post("/v1/face-verifications")
                    .body(StringBody("{\"purpose\":\"WITHDRAWAL\"}"))
                    .check(status().is(201), jsonPath("$.id").saveAs("fvId"))),
            exec(session -> session.set("fvStatus", "PENDING").set("fvPolls", 0)),
            // The sandbox provider reports through the signed callback and answers the resulting state; a provider
            // that reports later is waited for by polling below.
            authed(http("face verification sandbox pass").post("/sandbox/face-provider/verifications/#{fvId}/complete")
                    .body(StringBody("{\"outcome\":\"PASS\"}"))
                    .check(status().in(200, 201, 202, 204), jsonPath("$.status").optional().saveAs("fvStatus"))),
            asLongAs(session -> !"PASSED".equals(session.getString("fvStatus")) && session.getInt("fvPolls") < 30)
                    .on(exec(authed(http("face verification status").get("/v1/face-verifications/#{fvId}")
                            .check(status().is(200), jsonPath("$.status").saveAs("fvStatus"))))
                            .exec(session -> session.set("fvPolls", session.getInt("fvPolls") + 1))
                            .doIf(session -> !"PASSED".equals(session.getString("fvStatus")))
                            .then(pause(Duration.ofMillis(100)))),
            // Still not PASSED after 30 polls: this request fails on purpose so that the run shows it.
            doIf(session -> !"PASSED".equals(session.getString("fvStatus"))).then(
                    authed(http("face verification never passed").get("/v1/face-verifications/#{fvId}")
                            .check(jsonPath("$.status").is("PASSED")))));

    private final ChainBuilder withdrawal = exec(faceVerified,
            authed(http("bank cards").get("/v1/me/bank-cards")
                    .check(status().is(200), jsonPath("$.items[0].id").saveAs("bankCardId"))),
            exec(session -> session.set("idempotencyKey", UUID.randomUUID().toString())
                    .set("amountFen", 10_000L * (1 + ThreadLocalRandom.current().nextInt(20)))),
            // The member's card → the withdrawal (RENT, a small amount, a fresh Idempotency-Key).
            counted("withdrawal", authed(http("withdrawal").post("/v1/withdrawals")
                    .header("Idempotency-Key", "#{idempotencyKey}")
                    .body(StringBody("{\"category\":\"RENT\",\"amountFen\":#{amountFen},"
                            + "\"bankCardId\":#{bankCardId},\"faceVerificationId\":\"#{fvId}\"}"))
                    .check(jsonPath("$.code").optional().saveAs("problemCode"))), 201, 422));

    private final ScenarioBuilder peakDay = scenario(warmup ? "warm-up" : "peak withdrawal day")
            .feed(memberFeeder)
            .exec(login)
            .repeat(actionsPerUser).on(
                    exec(session -> session.remove("problemCode"))
                            .pause(Duration.ofMillis(thinkMs / 2), Duration.ofMillis(thinkMs * 3L / 2))
                            .exec(randomSwitch().on(choices())));

    {
        PopulationBuilder population = warmup
                ? peakDay.injectOpen(constantUsersPerSec(usersPerSec).during(rampSeconds))
                : peakDay.injectOpen(
                        rampUsersPerSec(1).to(usersPerSec).during(rampSeconds),
                        constantUsersPerSec(usersPerSec).during(plateauSeconds));
        SetUp setUp = setUp(population).protocols(protocol);
        if (!warmup) {
            // Zero errors: 422 business rejections and 429/503 with Retry-After pass their checks (counted apart).
            setUp.assertions(global().failedRequests().count().is(0L));
        }
    }

    /** The mix as weighted choices; an action with share 0 is left out (the read-only dry run: withdrawal=0). */
    private List<Choice.WithWeight> choices() {
        Map<String, ChainBuilder> actions = Map.of("account", account, "statements", statements,
                "calculator", calculator, "loans", loans, "withdrawal", withdrawal, "face", faceVerified);
        List<Choice.WithWeight> out = new ArrayList<>();
        mix.forEach((name, share) -> {
            ChainBuilder action = actions.get(name);
            if (action == null) {
                throw new IllegalArgumentException("unknown action in mix: " + name + " (known: " + actions.keySet() + ")");
            }
            if (share > 0) {
                out.add(percent(share).then(action));
            }
        });
        return out;
    }

    @Override
    public void after() {
        Map<String, Long> snapshot = new TreeMap<>();
        COUNTERS.forEach((k, v) -> snapshot.put(k, v.sum()));
        String json = snapshot.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        try {
            Files.createDirectories(countersFile.toAbsolutePath().getParent());
            Files.writeString(countersFile, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("hpf-loadtest counters: " + snapshot);
    }

    private static HttpRequestActionBuilder authed(HttpRequestActionBuilder request) {
        return request.header("Authorization", "Bearer #{token}");
    }

    /**
     * The request with a status check that accepts its success codes, a business 422 where given, and a
     * deliberate 429/503 only with Retry-After; every answer other than the first success code is counted.
     */
    private static ChainBuilder counted(String name, HttpRequestActionBuilder request, int... accepted) {
        Integer[] ok = Stream.concat(java.util.Arrays.stream(accepted).boxed(), Stream.of(429, 503))
                .toArray(Integer[]::new);
        CheckBuilder statusCheck = status().in(ok);
        return exec(request
                .check(statusCheck, status().saveAs("lastStatus"))
                .checkIf((response, session) -> response.status().code() == 429 || response.status().code() == 503)
                .then(header(RETRY_AFTER).exists()))
                .exec(session -> count(name, session, accepted[0]));
    }

    private static Session count(String name, Session session, int success) {
        if (session.contains("lastStatus")) {
            int status = session.getInt("lastStatus");
            if (status != success) {
                String code = session.contains("problemCode") ? " " + session.getString("problemCode") : "";
                COUNTERS.computeIfAbsent(name + " " + status + code, k -> new LongAdder()).increment();
            } else {
                COUNTERS.computeIfAbsent(name + " " + status, k -> new LongAdder()).increment();
            }
        }
        return session.remove("lastStatus").remove("problemCode");
    }

    private static Map<String, Double> parseMix(String spec) {
        Map<String, Double> out = new TreeMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            out.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
        }
        double total = out.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(total - 100.0) > 1e-9) {
            throw new IllegalArgumentException("mix must add up to 100, got " + total + " in " + spec);
        }
        return out;
    }
}
