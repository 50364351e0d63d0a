package cn.hpf.mobile.loan;

public enum PrepaymentSource {
    /** From the member's HPF balance: a LOAN_REPAYMENT withdrawal posted through the ledger. */
    HPF_BALANCE,
    /** From the member's own bank card; no HPF ledger movement. */
    BANK_CARD
}
