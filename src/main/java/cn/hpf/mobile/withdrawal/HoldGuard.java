package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.Refusal;

/**
 * The guard every hold on an account passes in PostgreSQL, a withdrawal's admission and a transfer-out's alike,
 * written once: the account's status allows it, {@code balance − held} covers the amount (equals it where the debit
 * takes the whole balance), and a debit that closes the account only where nothing else is held. Statements that use
 * it bind {@code #{allowedStatuses}} (text[]), {@code #{wholeBalance}}, {@code #{closesAccount}}, {@code #{amount}}
 * and {@code #{member}}, with the account aliased {@code a}.
 */
public final class HoldGuard {

    /** The conditions of the account's UPDATE. */
    public static final String ACCOUNT_ALLOWS = """
            a.status = ANY(#{allowedStatuses})
                  AND CASE WHEN #{wholeBalance} THEN a.balance_fen - a.held_fen = #{amount}
                           ELSE a.balance_fen - a.held_fen >= #{amount} END
                  AND (NOT #{closesAccount} OR a.held_fen = 0)""";

    /** Why the account's UPDATE found nothing: the refusal raised, from the account as it is now. */
    public static final String REFUSAL = """
            coalesce((
                    SELECT CASE WHEN a.status IN ('FROZEN', 'CLOSED') THEN %s
                                WHEN a.status <> ALL(#{allowedStatuses}) THEN %s
                                WHEN #{closesAccount} AND a.held_fen > 0 THEN %s
                                WHEN #{wholeBalance} AND a.balance_fen - a.held_fen <> #{amount} THEN %s
                                ELSE %s END
                    FROM account a WHERE a.member_id = #{member}), %s)""".formatted(
            Refusal.ACCOUNT_NOT_ACTIVE.raise(), Refusal.NOT_ELIGIBLE.raise(), Refusal.OTHER_WITHDRAWAL_IN_FLIGHT.raise(),
            Refusal.AMOUNT_MUST_EQUAL_AVAILABLE.raise(), Refusal.INSUFFICIENT_BALANCE.raise(),
            Refusal.ACCOUNT_NOT_ACTIVE.raise());

    private HoldGuard() {
    }
}
