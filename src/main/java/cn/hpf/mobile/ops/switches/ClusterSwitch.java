package cn.hpf.mobile.ops.switches;

/** What operators can pause for the whole cluster: a row of ops_switch each. */
public enum ClusterSwitch {
    /** New withdrawals (members' and partners'): refused with 503 ADMISSIONS_PAUSED while paused. */
    ADMISSIONS,
    /** The payout dispatcher's claims: admitted withdrawals wait in the outbox while paused. */
    PAYOUTS
}
