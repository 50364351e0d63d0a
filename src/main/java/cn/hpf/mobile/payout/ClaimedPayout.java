package cn.hpf.mobile.payout;

import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import java.util.UUID;

/**
 * An outbox row this replica leased. {@code firstAttempt} is true on the first lease of a withdrawal still
 * ACCEPTED (the lease's attempt count is its PAYING state): the bank has certainly not been called yet. Otherwise
 * the bank is asked first. A row written PAYING by an earlier version is never a first attempt.
 */
record ClaimedPayout(UUID withdrawalId, WithdrawalStatus previousStatus, int attempts, PayoutOrder order) {

    boolean firstAttempt() {
        return previousStatus == WithdrawalStatus.ACCEPTED && attempts == 1;
    }

    boolean open() {
        return WithdrawalStatus.OPEN.contains(previousStatus);
    }
}
