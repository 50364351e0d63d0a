package cn.hpf.mobile.loan;

/** What a partial prepayment (提前部分还款) changes. */
public enum PrepaymentMode {
    /** Keep (about) the monthly payment, finish sooner (缩短期限). */
    SHORTEN_TERM,
    /** Keep the end date, pay less each month (减少月供). */
    REDUCE_PAYMENT
}
