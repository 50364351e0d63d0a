package cn.hpf.mobile.account;

/** Ledger entry types. Withdrawals, transfers out and loan auto-transfers are negative, everything else positive. */
public enum EntryType {
    /** 汇缴: monthly contribution. */
    DEPOSIT,
    /** 补缴: supplementary contribution for missed months. */
    SUPPLEMENTARY_DEPOSIT,
    /** 结息: annual interest settlement on 30 June. */
    INTEREST,
    WITHDRAWAL,
    /** 转入: balance transferred in from another centre. */
    TRANSFER_IN,
    /** 转出: balance transferred out to the member's account at another centre. */
    TRANSFER_OUT,
    /** 按月转账: monthly instalment drawn for an HPF loan. */
    LOAN_AUTO_TRANSFER,
    /** A payout the bank sent back after it was paid. */
    RETURNED
}
