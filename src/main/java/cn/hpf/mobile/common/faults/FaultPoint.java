package cn.hpf.mobile.common.faults;

/** The steps of the money paths where a test may make Redis or PostgreSQL misbehave ({@link FaultPoints}). */
public enum FaultPoint {
    /** Admission: the day's budget is reserved in Redis, the member's hold not yet placed. */
    ADMISSION_RESERVED,
    /** Admission: the member's hold is placed in Redis; the PostgreSQL statement is about to be sent. */
    ADMISSION_HELD,
    /** Admission: PostgreSQL committed; the Redis hold is not settled yet. */
    ADMISSION_COMMITTED,
    /** Admission: the hold is settled; the budget reservation is not confirmed yet. */
    ADMISSION_SETTLED,
    /** Payout: the bank answered; PostgreSQL has not recorded it yet. */
    PAYOUT_ANSWERED,
    /** Payout: PostgreSQL recorded PAID or FAILED; Redis has not heard of it yet. */
    PAYOUT_RECORDED,
    /** Prepayment: PostgreSQL committed; Redis has not heard of it yet. */
    PREPAYMENT_COMMITTED,
    /** Monthly auto-transfer: PostgreSQL drew the instalment; Redis has not heard of it yet. */
    AUTO_TRANSFER_DRAWN,
    /** Transfer-out: the hold is placed in Redis; the PostgreSQL statement is about to be sent. */
    TRANSFER_OUT_HELD,
    /** Transfer-out: PostgreSQL committed the hold; the Redis hold is not settled yet. */
    TRANSFER_OUT_COMMITTED
}
