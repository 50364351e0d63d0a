package cn.hpf.mobile.common.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which bound each route counts against; NONE means never bounded. */
class RouteGroupTest {

    @ParameterizedTest
    @CsvSource({
            "GET, /v1/ping, NONE",
            "GET, /q/health/ready, NONE",
            "GET, /q/metrics, NONE",
            "GET, /v1/me/account, READS",
            "GET, /v1/me/statements, READS",
            "HEAD, /v1/me/loans, READS",
            "GET, /v1/withdrawals/6f1c0b7e-0000-0000-0000-000000000000, READS",
            "GET, /v1/withdrawals/6f1c0b7e-0000-0000-0000-000000000000/events, STREAMS",
            "POST, /v1/withdrawals, WRITES",
            "POST, /v1/face-verifications, WRITES",
            "POST, /sandbox/face-provider/verifications/x/complete, WRITES",
            "PUT, /v1/me/loans/1/auto-transfer, WRITES",
            "POST, /v1/auth/token, LOGIN",
            "POST, /v1/auth/operator-token, LOGIN",
            "GET, /v1/calculator/monthly-payment, CALCULATOR",
            "GET, /v1/me/transfers-in/7/events, STREAMS",
            "GET, /partner/v1/events, READS",
            "GET, /v1/ops/stats/live, STREAMS",
            "GET, /v1/ops/stats/minutes, OPERATIONS",
            "GET, /v1/ops/reconciliation, OPERATIONS"})
    void routesBelongToTheirGroup(String method, String path, String expected) {
        RouteGroup group = RouteGroup.of(HttpMethod.valueOf(method), path);
        assertThat(group == null ? "NONE" : group.name()).isEqualTo(expected);
    }
}
