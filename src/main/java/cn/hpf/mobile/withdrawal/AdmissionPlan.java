package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.Caller;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A withdrawal that passed validation and eligibility, ready for the hold and the write. */
record AdmissionPlan(
        UUID withdrawalId,
        Caller caller,
        Category category,
        long amountFen,
        Long bankCardId,
        Long loanId,
        UUID faceVerificationId,
        String periodKey,
        LocalDate budgetDay,
        Instant createdAt,
        String idempotencyKey,
        String requestHash,
        CategoryCap cap,
        AccountSnapshot account,
        String outBizNo) {

    long memberId() {
        return caller.memberId();
    }
}
