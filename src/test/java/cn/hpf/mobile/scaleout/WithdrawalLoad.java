package cn.hpf.mobile.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Members withdrawing through the balancer, as a client written to the contract would: a fresh Idempotency-Key per
 * withdrawal, the same key on every retry; a 503 is retried after its Retry-After, a 409 (the key is busy) shortly
 * after, a broken connection or a 502 at once. Every answer is recorded with the phase it fell in (steady, a replica
 * killed, a Redis master killed, a rolling restart), so that each phase can be judged on its own.
 */
final class WithdrawalLoad implements AutoCloseable {

    static final String PASSWORD = "Load@2026";
    /** An answer slower than this is a hang: the contract promises a decision (or a 503) well within it. */
    static final Duration HANG = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer to a withdrawal POST. status 0: the connection broke; -1: no answer within {@link #HANG}. */
    record Answer(String phase, String key, int status, String code, String retryAfter, long millis) {
    }

    /** One withdrawal the load asked for, and how it ended for the client. */
    record Outcome(String key, long memberId, int finalStatus, String withdrawalId) {
    }

    private final String baseUrl;
    private final int firstMember;
    private final int members;
    private final AtomicInteger nextMember = new AtomicInteger();
    private final Map<Long, String> tokens = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();
    private volatile String phase = "steady";

    WithdrawalLoad(String baseUrl, int firstMember, int members) {
        this.baseUrl = baseUrl;
        this.firstMember = firstMember;
        this.members = members;
    }

    void start(int concurrency) {
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(this::work, "withdrawal-load-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    void phase(String name) {
        phase = name;
    }

    /** Stops asking for new withdrawals; the ones in progress are carried to their end (retries included). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(120).toMillis());
        }
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    Map<String, Set<String>> idsByKey() {
        return idsByKey;
    }

    /** Answers per phase and status ("steady 201" → n), for the report. */
    Map<String, Integer> tally() {
        Map<String, Integer> tally = new TreeMap<>();
        for (Answer a : answers) {
            tally.merge(a.phase() + " " + a.status() + (a.code() == null ? "" : " " + a.code()), 1, Integer::sum);
        }
        return tally;
    }

    private void work() {
        while (running.get()) {
            long member = 10_000_000L + firstMember + Math.floorMod(nextMember.getAndIncrement(), members);
            try {
                withdraw(member);
            } catch (RuntimeException e) {
                // A step before the withdrawal itself failed (login, face): the member tries again later.
                pause(200);
            }
        }
    }

    private void withdraw(long member) {
        String token = tokens.computeIfAbsent(member, this::login);
        String face = post("/v1/face-verifications", token, null, Map.of("purpose", "WITHDRAWAL")).path("id").asText();
        post("/sandbox/face-provider/verifications/" + face + "/complete", token, null, Map.of("outcome", "PASS"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("category", "RENT", "amountFen", 100 * (1 + ThreadLocalRandom.current()
                .nextInt(20)), "bankCardId", member, "faceVerificationId", face);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Answer a = send(key, token, body);
            answers.add(a);
            if (a.status() == 201 || a.status() == 422 || a.status() == 400 || a.status() == 401
                    || a.status() == 500 || System.nanoTime() > deadline) {
                outcomes.add(new Outcome(key, member, a.status(), null));
                return;
            }
            if (a.status() == 503) {
                pause(a.retryAfter() == null ? 500 : Math.min(2_000, 1_000 * Long.parseLong(a.retryAfter())));
            } else {
                pause(a.status() == 409 ? 200 : 50);
            }
        }
    }

    private Answer send(String key, String token, Map<String, Object> body) {
        String phaseAtSend = phase;
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(request("/v1/withdrawals", token, key, body),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            JsonNode json = r.body().isEmpty() ? JSON.nullNode() : parse(r.body());
            String code = json.path("code").isMissingNode() ? null : json.path("code").asText();
            if (r.statusCode() == 201) {
                String id = json.path("id").asText();
                idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
            }
            return new Answer(phaseAtSend, key, r.statusCode(), code, r.headers().firstValue("Retry-After").orElse(null),
                    millis);
        } catch (HttpTimeoutException e) {
            return new Answer(phaseAtSend, key, -1, "HANG", null, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            // Counted in the phase it broke in: a request sent just before a kill breaks because of it.
            return new Answer(phase, key, 0, "CONNECTION_BROKEN", null, (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String login(long member) {
        return post("/v1/auth/token", null, null, Map.of("memberNo", memberNo(member),
                "password", PASSWORD, "channel", "APP")).path("accessToken").asText();
    }

    /** A step around the withdrawal: retried a few times through whatever the cluster is going through. */
    private JsonNode post(String path, String token, String key, Map<String, Object> body) {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(request(path, token, key, body), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() < 300) {
                    return r.body().isEmpty() ? JSON.nullNode() : parse(r.body());
                }
                if (attempt >= 5 || r.statusCode() < 500) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                if (attempt >= 5) {
                    throw new IllegalStateException(path + " failed", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(300);
        }
    }

    private HttpRequest request(String path, String token, String key, Map<String, Object> body) {
        return post(baseUrl + path, token, key, body, HANG);
    }

    /** A JSON POST, with the bearer token and the Idempotency-Key when given. */
    static HttpRequest post(String url, String token, String key, Map<String, Object> body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        try {
            return b.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The login of synthetic member {@code id} (bin/generate-members: id 10,000,000 + i logs in as 8 + i). */
    static String memberNo(long id) {
        return String.format("8%011d", id - 10_000_000L);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
