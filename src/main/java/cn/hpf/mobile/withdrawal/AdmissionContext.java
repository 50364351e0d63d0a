package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.account.AccountStatus;
import java.time.LocalDate;
import java.time.YearMonth;

/** What admission needs to know from PostgreSQL about the member, the payee and the verification (one query). */
record AdmissionContext(
        String idNumber,
        LocalDate birthDate,
        Long cardOwner,
        Long faceOwner,
        String facePurpose,
        String faceStatus,
        boolean faceUsable,
        long activeLoans,
        long overdueLoans,
        long outstandingLoanFen,
        Long loanId,
        Long loanOwner,
        String loanStatus,
        long loanOutstandingFen,
        long loanOpenWithdrawalsFen,
        /* Monthly-cap categories: the month of the last withdrawal that still counts, or null (withdrawal_accrual). */
        YearMonth accrualLastMonth,
        /* The account as PostgreSQL has it; also fills a cold Redis cache without reading it again. */
        AccountSnapshot account) {

    AccountStatus accountStatus() {
        return account.status();
    }

    LocalDate statusSince() {
        return account.statusSince();
    }
}
