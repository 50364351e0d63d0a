package cn.hpf.mobile.payout;

import java.util.UUID;

/**
 * An outbox row this replica leased. {@code firstAttempt} is true when the claim itself moved the withdrawal
 * ACCEPTED → PAYING, i.e. the bank has certainly not been called yet; otherwise the bank is asked first.
 */
record ClaimedPayout(UUID withdrawalId, String previousStatus, int attempts, PayoutOrder order) {

    boolean firstAttempt() {
        return "ACCEPTED".equals(previousStatus);
    }

    boolean open() {
        return "ACCEPTED".equals(previousStatus) || "PAYING".equals(previousStatus);
    }
}
