package cn.hpf.mobile.withdrawal;

import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.available;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.body;
import static cn.hpf.mobile.withdrawal.AdmissionTestSupport.post;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.backpressure.InFlightLimiter;
import cn.hpf.mobile.common.backpressure.RouteGroup;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.adversary.PostgresStall;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up in the middle of its admission (a timeout on a peak day) must not leave the admission
 * half done: the write commits, the Redis hold is settled and the answer is kept at once, not a minute later by
 * recovery, and the retry gets that answer. Since the admission goes on, it keeps its place in the WRITES route
 * group until it is done: hang-ups cannot let more work in than the bound.
 */
@QuarkusTest
class AdmissionClientGoneTest extends PayoutsPausedTest {

    private static final long AMOUNT = 10_000;

    @Inject
    RedisTestClient redis;
    @Inject
    InFlightLimiter limiter;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void anAdmissionWhoseClientHungUpStillFinishesAndItsRetryGetsTheAnswer() throws Exception {
        Fixtures.Member m = Fixtures.member().balance(10 * AMOUNT).loan(90_000_000_000L).create();
        long before = available(m);
        Map<String, Object> body = body("LOAN_REPAYMENT", AMOUNT, null, Fixtures.face(m));
        String key = UUID.randomUUID().toString();
        String accountKey = AdmissionKeys.member(m.id()).get(0);
        String holdsKey = AdmissionKeys.member(m.id()).get(1);

        try (Connection lock = Db.connect()) {
            // Another transaction holds the account row, so the admission waits inside its PostgreSQL statement.
            lock.setAutoCommit(false);
            lock.createStatement().execute("SELECT 1 FROM account WHERE member_id = " + m.id() + " FOR UPDATE");
            try (Socket client = new Socket("127.0.0.1", port)) {
                OutputStream out = client.getOutputStream();
                out.write(request(m.token(), key, new ObjectMapper().writeValueAsString(body)));
                out.flush();
                PostgresStall.awaitAdmissionsWaiting(1);
            }
            // The client is gone, the admission is not: it still holds its slot.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> limiter.inFlight(RouteGroup.WRITES) == 1);
            lock.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight(RouteGroup.WRITES) == 0);

        // Well before recovery's grace (60 s): the admission itself finished its Redis steps.
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.withdrawals(m) == 1L
                && "0".equals(redis.hget(accountKey, "pending")));
        UUID id = UUID.fromString(Db.queryString("SELECT id::text FROM withdrawal WHERE member_id = " + m.id()));
        assertThat(redis.hget(holdsKey, id.toString()), equalTo(null));
        assertThat(redis.hget(accountKey, "held"), equalTo(Long.toString(AMOUNT)));
        assertThat(available(m), equalTo(before - AMOUNT));

        post(m, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id.toString()));
        assertThat(Fixtures.withdrawals(m), equalTo(1L));
    }

    private static byte[] request(String token, String key, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/withdrawals HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nIdempotency-Key: " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + payload.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + payload.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(payload, 0, all, h.length, payload.length);
        return all;
    }
}
