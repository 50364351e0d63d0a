package cn.hpf.mobile.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import cn.hpf.mobile.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every date and number parameter of the API at its extremes and past them: never a 500, always a problem+json
 * 4xx that names the field (path parameters: 404, the resource does not exist). The extremes that are valid are
 * served.
 */
@QuarkusTest
class ParameterExtremesTest {

    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2147483647", "2147483648",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "Infinity",
            "0x10", "1.5", " 7", "", "١٢٣", "1_000");
    private static final List<String> DATES = List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01",
            "1899-12-31", "1900-01-01", "9999-12-31", "10000-01-01", "2026-02-29", "2026-13-01", "2026-1-1", "today",
            "２０２６-０１-０１", "");
    private static final List<String> MONTHS = List.of("+999999999-12", "0000-01", "2026-13", "202611", "9999-12",
            "1900-01", "");

    private final List<String> served = new ArrayList<>();

    @Test
    void calculatorNumbers() {
        Map<String, String> valid = Map.of("principalFen", "100000000", "annualRate", "0.026", "termMonths", "360",
                "method", "EQUAL_INSTALMENT");
        for (String field : List.of("principalFen", "annualRate", "termMonths")) {
            for (String value : NUMBERS) {
                check("/v1/calculator/monthly-payment " + field + "=" + value, field, () -> {
                    RequestSpecification r = given();
                    for (var e : valid.entrySet()) {
                        r = r.queryParam(e.getKey(), e.getKey().equals(field) ? value : e.getValue());
                    }
                    return r.get("/v1/calculator/monthly-payment");
                });
            }
        }
        Map<String, String> quota = Map.of("depositBaseFen", "1200000", "balanceFen", "5000000", "housePriceFen",
                "300000000", "termMonths", "360", "firstHome", "true", "couple", "false");
        for (String field : List.of("depositBaseFen", "balanceFen", "housePriceFen", "termMonths")) {
            for (String value : NUMBERS) {
                check("/v1/calculator/loan-quota " + field + "=" + value, field, () -> {
                    RequestSpecification r = given();
                    for (var e : quota.entrySet()) {
                        r = r.queryParam(e.getKey(), e.getKey().equals(field) ? value : e.getValue());
                    }
                    return r.get("/v1/calculator/loan-quota");
                });
            }
        }
    }

    @Test
    void statementDatesAndPageSizes() {
        for (String field : List.of("from", "to")) {
            for (String value : DATES) {
                check("/v1/me/statements " + field + "=" + value, field,
                        () -> Api.as(Api.OWNER_WITH_LOAN).queryParam(field, value).get("/v1/me/statements"));
            }
        }
        for (String value : NUMBERS) {
            check("/v1/me/statements limit=" + value, "limit",
                    () -> Api.as(Api.OWNER_WITH_LOAN).queryParam("limit", value).get("/v1/me/statements"));
            check("/v1/me/withdrawals limit=" + value, "limit",
                    () -> Api.as(Api.OWNER_WITH_LOAN).queryParam("limit", value).get("/v1/me/withdrawals"));
        }
        assertThat("the valid extremes are served", served.contains("/v1/me/statements to=9999-12-31"),
                equalTo(true));
    }

    @Test
    void operatorsMonths() {
        for (String value : MONTHS) {
            check("/v1/ops/loan-auto-transfers month=" + value, "month", () -> Api.asOperator()
                    .queryParam("month", value).get("/v1/ops/loan-auto-transfers"));
        }
    }

    @Test
    void operatorsDays() {
        for (String value : DATES) {
            for (String path : List.of("/v1/ops/stats/daily", "/v1/ops/reconciliation/bank-statement")) {
                check(path + " date=" + value, "date",
                        () -> Api.asOperator().queryParam("date", value).get(path));
            }
        }
    }

    @Test
    void pathIdentifiers() {
        for (String value : List.of("0", "-1", "9223372036854775807", "9223372036854775808", "1e3", "abc",
                "00000000-0000-0000-0000-000000000000", "%00", "..")) {
            for (String path : List.of("/v1/me/loans/%s", "/v1/me/loans/%s/schedule", "/v1/withdrawals/%s",
                    "/v1/face-verifications/%s")) {
                String url = path.formatted(value);
                Response r = Api.as(Api.OWNER_WITH_LOAN).get(url);
                assertThat(url + " → " + r.statusCode(), r.statusCode(), lessThan(500));
                if (r.statusCode() >= 400) {
                    assertThat(url, r.contentType(), equalTo("application/problem+json"));
                }
            }
        }
    }

    private void check(String what, String field, Supplier<Response> call) {
        Response r = call.get();
        assertThat(what + " → " + r.statusCode() + " " + r.asString(), r.statusCode(), lessThan(500));
        if (r.statusCode() >= 400) {
            assertThat(what, r.contentType(), equalTo("application/problem+json"));
            if (r.statusCode() == 400) {
                assertThat(what + " names its field", r.jsonPath().getString("field"), equalTo(field));
            }
        } else {
            served.add(what);
        }
    }
}
