package cn.hpf.mobile.calculator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class CalculatorResourceTest {

    private static final String PAYMENT = "/v1/calculator/monthly-payment";

    @Test
    void referenceLoanPays4003Point40AMonthWithoutLogin() {
        given().queryParams(Map.of("principalFen", "100000000", "annualRate", "0.026", "termMonths", "360",
                        "method", "EQUAL_INSTALMENT"))
                .get(PAYMENT).then().statusCode(200)
                .header("Cache-Control", startsWith("public, max-age="))
                .header("ETag", startsWith("\""))
                .body("firstPaymentFen", equalTo(400340))
                .body("lastPaymentFen", equalTo(400175))
                .body("totalInterestFen", equalTo(44122235))
                .body("totalPaymentFen", equalTo(144122235))
                .body("schedule", nullValue());
    }

    @Test
    void scheduleListsEveryPeriodAndItsPrincipalAddsUp() {
        Response r = given().queryParams(Map.of("principalFen", "60000000", "annualRate", "0.031",
                        "termMonths", "240", "method", "EQUAL_PRINCIPAL", "schedule", "true"))
                .get(PAYMENT).then().statusCode(200).body("schedule", hasSize(240)).extract().response();
        List<Number> principal = r.path("schedule.principalFen");
        assertEquals(60000000L, principal.stream().mapToLong(Number::longValue).sum());
        assertEquals(405000, (int) r.path("schedule[0].paymentFen"));
        assertEquals(0, (int) r.path("schedule[239].remainingPrincipalFen"));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({
            "principalFen, ''", "principalFen, abc", "principalFen, 99999", "principalFen, 10000000001",
            "principalFen, 1.5",
            "annualRate, ''", "annualRate, x", "annualRate, 0", "annualRate, -0.01", "annualRate, 0.2000001",
            "annualRate, 0.21", "annualRate, 0.0260001",
            "termMonths, ''", "termMonths, 0", "termMonths, 361", "termMonths, twelve",
            "method, ''", "method, ANNUITY", "schedule, maybe"})
    void badInputIs400NamingTheField(String field, String value) {
        Map<String, String> q = new java.util.HashMap<>(Map.of("principalFen", "100000000", "annualRate", "0.026",
                "termMonths", "360", "method", "EQUAL_INSTALMENT"));
        q.put(field, value);
        given().queryParams(q).get(PAYMENT).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("field", equalTo(field));
    }

    @Test
    void etagIsStableAndIfNoneMatchGives304() {
        Map<String, String> q = Map.of("principalFen", "50000000", "annualRate", "0.02525", "termMonths", "120",
                "method", "EQUAL_INSTALMENT");
        String etag = given().queryParams(q).get(PAYMENT).then().statusCode(200).extract().header("ETag");
        assertEquals(etag, given().queryParams(q).get(PAYMENT).then().extract().header("ETag"));
        given().queryParams(q).header("If-None-Match", etag).get(PAYMENT).then().statusCode(304)
                .header("ETag", equalTo(etag)).header("Cache-Control", startsWith("public"));
        given().queryParams(q).header("If-None-Match", "\"other\", W/" + etag).get(PAYMENT).then().statusCode(304);
        given().queryParams(q).header("If-None-Match", "\"stale\"").get(PAYMENT).then().statusCode(200);
        String other = given().queryParams(Map.of("principalFen", "50000000", "annualRate", "0.02525",
                "termMonths", "120", "method", "EQUAL_PRINCIPAL")).get(PAYMENT).then().extract().header("ETag");
        assertNotEquals(etag, other);
    }

    @Test
    void ratesListTheDefaultsWithTheirEffectiveDate() {
        String etag = given().get("/v1/calculator/rates").then().statusCode(200)
                .header("Cache-Control", startsWith("public"))
                .body("effectiveDate", equalTo("2025-05-08"))
                .body("rates", hasSize(4))
                .body("rates.find { it.homeType == 'FIRST_HOME' && it.termToMonths == 60 }.annualRate", equalTo(0.021f))
                .body("rates.find { it.homeType == 'FIRST_HOME' && it.termFromMonths == 61 }.annualRate", equalTo(0.026f))
                .body("rates.find { it.homeType == 'SECOND_HOME' && it.termToMonths == 60 }.annualRate", equalTo(0.02525f))
                .body("rates.find { it.homeType == 'SECOND_HOME' && it.termFromMonths == 61 }.annualRate", equalTo(0.03075f))
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/v1/calculator/rates").then().statusCode(304);
    }

    @Test
    void quotaReportsEveryLimitAndTheCapBindsForARichSingleFirstHomeBuyer() {
        given().queryParams(Map.of("depositBaseFen", "2400000", "balanceFen", "8000000", "housePriceFen", "300000000",
                        "termMonths", "360"))
                .get("/v1/calculator/loan-quota").then().statusCode(200)
                .header("ETag", startsWith("\""))
                .body("quotaFen", equalTo(60000000))
                .body("binding", equalTo("ABSOLUTE_CAP"))
                .body("annualRate", equalTo(0.026f))
                .body("monthlyPaymentFen", equalTo(240204))
                .body("limits.find { it.type == 'HOUSE_PRICE' }.limitFen", equalTo(240000000))
                .body("limits.find { it.type == 'BALANCE_MULTIPLE' }.limitFen", equalTo(120000000))
                .body("limits.find { it.type == 'ABSOLUTE_CAP' }.limitFen", equalTo(60000000));
    }

    @Test
    void coupleSecondHomeCapHasNoBonusAndPriceRatioIsSeventyPercent() {
        given().queryParams(Map.of("depositBaseFen", "5000000", "balanceFen", "20000000", "housePriceFen", "100000000",
                        "termMonths", "60", "firstHome", "false", "couple", "true"))
                .get("/v1/calculator/loan-quota").then().statusCode(200)
                .body("annualRate", equalTo(0.02525f))
                .body("limits.find { it.type == 'ABSOLUTE_CAP' }.limitFen", equalTo(100000000))
                .body("quotaFen", equalTo(70000000))
                .body("binding", equalTo("HOUSE_PRICE"));
    }

    @Test
    void balanceMultipleBinds() {
        given().queryParams(Map.of("depositBaseFen", "2400000", "balanceFen", "1000000", "housePriceFen", "300000000",
                        "termMonths", "360"))
                .get("/v1/calculator/loan-quota").then().statusCode(200)
                .body("quotaFen", equalTo(15000000)).body("binding", equalTo("BALANCE_MULTIPLE"));
    }

    @Test
    void repaymentCapacityIsTheLargestPrincipalWhosePaymentFitsHalfTheBase() {
        Response r = given().queryParams(Map.of("depositBaseFen", "200000", "balanceFen", "10000000",
                        "housePriceFen", "300000000", "termMonths", "360"))
                .get("/v1/calculator/loan-quota").then().statusCode(200)
                .body("binding", equalTo("REPAYMENT_CAPACITY")).extract().response();
        long quota = ((Number) r.path("quotaFen")).longValue();
        assertTrue(((Number) r.path("monthlyPaymentFen")).longValue() <= 100000);
        int next = given().queryParams(Map.of("principalFen", Long.toString(quota + 1), "annualRate", "0.026",
                        "termMonths", "360", "method", "EQUAL_INSTALMENT"))
                .get(PAYMENT).then().statusCode(200).extract().path("firstPaymentFen");
        assertTrue(next > 100000, "one fen more would exceed half the base");
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({"depositBaseFen, ''", "depositBaseFen, -1", "balanceFen, x", "housePriceFen, 0", "termMonths, 400",
            "firstHome, yes", "couple, 1"})
    void quotaBadInputIs400NamingTheField(String field, String value) {
        Map<String, String> q = new java.util.HashMap<>(Map.of("depositBaseFen", "2400000", "balanceFen", "8000000",
                "housePriceFen", "300000000", "termMonths", "360"));
        q.put(field, value);
        given().queryParams(q).get("/v1/calculator/loan-quota").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("field", equalTo(field));
    }
}
