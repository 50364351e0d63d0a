package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountStatus;
import java.util.Set;

/** A withdrawal category's rules, as loaded from {@code withdrawal_category}. */
public record Category(
        String code,
        String nameZh,
        String nameEn,
        Set<AccountStatus> allowedStatuses,
        boolean wholeBalance,
        PayeeType payeeType,
        Condition condition,
        Integer conditionValue,
        boolean refusedWithLoan,
        Long monthlyCapFen,
        Integer capAccrualMonths,
        boolean oncePerMonth,
        /* The payout closes the account once nothing is left in it (RETIREMENT): needs nothing else held. */
        boolean closesAccount) {

    public enum PayeeType { CARD, LOAN_ACCOUNT }

    public enum Condition {
        NONE, NO_HOME_IN_CITY, RETIREMENT_AGE, PURCHASE_CONTRACT, OWN_HPF_LOAN, MIN_LIVING_ALLOWANCE,
        SEALED_NO_DEPOSITS_ELSEWHERE
    }

    /** A month's cap accrues for each month since the last withdrawal of the category (RENT). */
    public boolean monthlyCapped() {
        return monthlyCapFen != null;
    }

    public boolean paysToLoan() {
        return payeeType == PayeeType.LOAN_ACCOUNT;
    }
}
