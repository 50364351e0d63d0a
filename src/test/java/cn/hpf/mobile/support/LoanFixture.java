package cn.hpf.mobile.support;

import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentMethod;
import java.math.BigDecimal;
import java.util.UUID;

/** Inserts a loan of its own for a test, consistent with the engine's schedule after {@code paid} periods. */
public final class LoanFixture {

    private LoanFixture() {
    }

    /** The loan's period {@code paid + 1} falls due in the month {@code dueMonthOffset} months from now. */
    public static long create(long memberId, long principalFen, String rate, int term, RepaymentMethod method,
                              int paid, int dueMonthOffset, boolean autoTransfer) {
        long outstanding = paid == 0 ? principalFen
                : RepaymentEngine.plan(principalFen, new BigDecimal(rate), term, method).remainingPrincipalFen(paid);
        int startOffset = dueMonthOffset - (paid + 1);
        return Db.queryLong("INSERT INTO loan (member_id, contract_no, principal_fen, outstanding_principal_fen, "
                + "annual_rate, term_months, method, start_date, lending_bank, lending_bank_account, paid_periods, "
                + "auto_transfer) VALUES (" + memberId + ", 'TEST-" + UUID.randomUUID() + "', " + principalFen + ", "
                + outstanding + ", " + rate + ", " + term + ", '" + method + "', "
                + "(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + make_interval(months => " + startOffset
                + "))::date, '测试银行 Test bank', '3300 **** **** 9999', " + paid + ", " + autoTransfer
                + ") RETURNING id");
    }
}
