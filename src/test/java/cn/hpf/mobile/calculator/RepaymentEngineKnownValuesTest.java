package cn.hpf.mobile.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known values, checked independently with Python's decimal module (34 digits, ROUND_HALF_UP). */
class RepaymentEngineKnownValuesTest {

    @ParameterizedTest(name = "{3} {0} fen at {1} over {2} months")
    @CsvSource({
            // principal, rate, term, method, first, last, total interest
            "100000000, 0.026,   360, EQUAL_INSTALMENT, 400340,   400175,   44122235", // the reference: 4,003.40 CNY
            "100000000, 0.026,   360, EQUAL_PRINCIPAL,  494445,   278379,   39108312",
            "80000000,  0.026,   360, EQUAL_INSTALMENT, 320272,   320156,   35297804",
            "60000000,  0.031,   240, EQUAL_INSTALMENT, 335770,   335823,   20584853",
            "60000000,  0.031,   240, EQUAL_PRINCIPAL,  405000,   250646,   18677520",
            "100000,    0.021,   1,   EQUAL_INSTALMENT, 100175,   100175,   175",
            "100000,    0.021,   1,   EQUAL_PRINCIPAL,  100175,   100175,   175",
            "50000000,  0.02525, 120, EQUAL_INSTALMENT, 471918,   471940,   6630182",
            "50000000,  0.02525, 120, EQUAL_PRINCIPAL,  521875,   417543,   6365099",
            "123456789, 0.03075, 12,  EQUAL_INSTALMENT, 10460230, 10460234, 2065975",
            "123456789, 0.03075, 12,  EQUAL_PRINCIPAL,  10604424, 10314428, 2056327",
    })
    void matchesKnownValues(long principal, String rate, int term, RepaymentMethod method, long first, long last,
                            long interest) {
        RepaymentPlan plan = RepaymentEngine.plan(principal, new BigDecimal(rate), term, method);
        assertEquals(first, plan.firstPaymentFen(), "first payment");
        assertEquals(last, plan.lastPaymentFen(), "last payment");
        assertEquals(interest, plan.totalInterestFen(), "total interest");
        assertEquals(principal + interest, plan.totalPaymentFen(), "total payment");
    }

    @ParameterizedTest
    @CsvSource({"80000000, 0.026, 360, EQUAL_INSTALMENT, 53, 71756936",
            "60000000, 0.031, 240, EQUAL_PRINCIPAL, 39, 50250000"})
    void demoLoansOutstandingMatchTheirSchedule(long principal, String rate, int term, RepaymentMethod method,
                                                int paid, long outstanding) {
        assertEquals(outstanding, RepaymentEngine.plan(principal, new BigDecimal(rate), term, method)
                .remainingPrincipalFen(paid));
    }
}
