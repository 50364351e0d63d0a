package cn.hpf.mobile.loan;

import static cn.hpf.mobile.support.Api.OVERDUE_LOAN;
import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.RENTER;
import static cn.hpf.mobile.support.Api.BUYER;
import static cn.hpf.mobile.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoanResourceTest {

    @Inject
    RedisTestClient redis;

    @BeforeEach
    void demoLoans() {
    }

    @Test
    void demoEqualInstalmentLoanWithAutoTransfer() {
        as(OWNER_WITH_LOAN).get("/v1/me/loans").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(1))
                .body("[0].method", equalTo("EQUAL_INSTALMENT"))
                .body("[0].principalFen", equalTo(80000000))
                .body("[0].outstandingPrincipalFen", equalTo(71756936))
                .body("[0].annualRate", equalTo(0.026f))
                .body("[0].termMonths", equalTo(360))
                .body("[0].remainingMonths", equalTo(307))
                .body("[0].nextInstalment.period", equalTo(54))
                .body("[0].nextInstalment.dueDate", equalTo(YearMonth.now(cn.hpf.mobile.common.Zones.SHANGHAI)
                        .atEndOfMonth().toString()))
                .body("[0].nextInstalment.totalFen", equalTo(320272))
                .body("[0].overdue.periods", equalTo(0))
                .body("[0].lendingBank", equalTo("中国建设银行杭州分行 (委贷银行)"))
                .body("[0].autoTransfer.enabled", equalTo(true))
                .body("[0].autoTransfer.fromAccount", equalTo("HPF_BALANCE"));
    }

    @Test
    void demoEqualPrincipalLoanWithOneOverduePeriod() {
        Response r = as(OVERDUE_LOAN).get("/v1/me/loans/2").then().statusCode(200)
                .body("method", equalTo("EQUAL_PRINCIPAL"))
                .body("outstandingPrincipalFen", equalTo(50250000))
                .body("overdue.periods", equalTo(1))
                .body("overdue.amountFen", equalTo(379813))
                .body("nextInstalment.period", equalTo(41))
                .body("autoTransfer.enabled", equalTo(false))
                .extract().response();
        as(OVERDUE_LOAN).get("/v1/me/loans/2/schedule").then().statusCode(200)
                .body("periods[0].period", equalTo(40))
                .body("periods[0].status", equalTo("OVERDUE"))
                .body("periods[0].paymentFen", equalTo(379813))
                .body("periods[1].status", equalTo("DUE"))
                .body("periods[1].paymentFen", equalTo((int) r.path("nextInstalment.totalFen")))
                .body("periods", hasSize(201));
    }

    @Test
    void anotherMembersOrAnUnknownLoanIsNotFound() {
        as(OWNER_WITH_LOAN).get("/v1/me/loans/2").then().statusCode(404).body("code", equalTo("LOAN_NOT_FOUND"));
        as(OWNER_WITH_LOAN).get("/v1/me/loans/2/schedule").then().statusCode(404);
        as(OWNER_WITH_LOAN).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .put("/v1/me/loans/2/auto-transfer").then().statusCode(404);
        as(OWNER_WITH_LOAN).get("/v1/me/loans/987654").then().statusCode(404).body("code", equalTo("LOAN_NOT_FOUND"));
        as(RENTER).get("/v1/me/loans").then().statusCode(200).body("", hasSize(0));
        given().get("/v1/me/loans").then().statusCode(401);
    }

    @Test
    void scheduleIsTheCalculatorsScheduleFromTheNextUnpaidPeriod() {
        Response calc = given().queryParams(Map.of("principalFen", "80000000", "annualRate", "0.026",
                        "termMonths", "360", "method", "EQUAL_INSTALMENT", "schedule", "true"))
                .get("/v1/calculator/monthly-payment").then().statusCode(200).extract().response();
        Response loan = as(OWNER_WITH_LOAN).get("/v1/me/loans/1/schedule").then().statusCode(200)
                .body("periods", hasSize(307)).extract().response();
        List<Map<String, Object>> expected = calc.path("schedule");
        List<Map<String, Object>> actual = loan.path("periods");
        assertEquals(((Number) expected.get(52).get("remainingPrincipalFen")).longValue(),
                ((Number) loan.path("outstandingPrincipalFen")).longValue(), "outstanding = calculator after 53");
        for (int i = 0; i < actual.size(); i++) {
            Map<String, Object> e = expected.get(53 + i);
            Map<String, Object> a = actual.get(i);
            for (String f : List.of("period", "paymentFen", "principalFen", "interestFen", "remainingPrincipalFen")) {
                assertEquals(((Number) e.get(f)).longValue(), ((Number) a.get(f)).longValue(), f + " at " + i);
            }
        }
        assertEquals(LocalDate.parse(loan.path("periods[306].dueDate")),
                YearMonth.now(cn.hpf.mobile.common.Zones.SHANGHAI).plusMonths(306).atEndOfMonth());
    }

    @Test
    void autoTransferCanBeSwitchedOffAndOn() {
        long id = Fixtures.loan(7, 30000000, "0.026", 240, RepaymentMethod.EQUAL_INSTALMENT, 3, 0, false);
        as(BUYER).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .put("/v1/me/loans/" + id + "/auto-transfer").then().statusCode(200)
                .body("autoTransfer.enabled", equalTo(true));
        as(BUYER).get("/v1/me/loans/" + id).then().body("autoTransfer.enabled", equalTo(true));
        as(BUYER).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/v1/me/loans/" + id + "/auto-transfer").then().statusCode(200)
                .body("autoTransfer.enabled", equalTo(false));
        as(BUYER).contentType(ContentType.JSON).body(Map.of())
                .put("/v1/me/loans/" + id + "/auto-transfer").then().statusCode(400)
                .body("field", equalTo("enabled"));
        as(BUYER).contentType(ContentType.JSON).body("{\"enabled\": \"sometimes\"}")
                .put("/v1/me/loans/" + id + "/auto-transfer").then().statusCode(400);
    }

}
