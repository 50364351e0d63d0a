package cn.hpf.mobile.loan;

public enum LoanStatus {
    ACTIVE,
    /** Repaid in full (the last instalment or 提前结清). */
    CLOSED
}
