package cn.hpf.mobile.withdrawal;

import java.time.LocalDate;

/**
 * A day's payout budget as PostgreSQL fixed it for the whole day (payout_budget_day): the amount and the number of
 * shards it is split over. The first replica that admits on a day fixes it from its configuration; every replica
 * then uses it, so a configuration change applies from the next day on.
 */
public record BudgetTerms(LocalDate day, long budgetFen, int shards) {

    public BudgetTerms {
        if (budgetFen < 0 || shards <= 0) {
            throw new IllegalArgumentException("budget terms of " + day + ": " + budgetFen + " fen over " + shards);
        }
    }

    /** The shard's share; shard 0 also takes the remainder (the SQL function hpf_shard_limit is the same rule). */
    public long shardLimitFen(int shard) {
        return budgetFen / shards + (shard == 0 ? budgetFen % shards : 0);
    }

    /** The largest share: no single withdrawal can be admitted above it. */
    public long largestShareFen() {
        return shardLimitFen(0);
    }
}
