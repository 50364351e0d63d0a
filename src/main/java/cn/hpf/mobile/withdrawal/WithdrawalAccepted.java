package cn.hpf.mobile.withdrawal;

import java.util.UUID;

/** Fired (CDI async event) once a withdrawal and its outbox row are committed, so the payout starts at once. */
public record WithdrawalAccepted(UUID withdrawalId) {
}
