package cn.hpf.mobile.withdrawal;

/**
 * A member's cap for one category scope ({@code field}: RENT:2026-11, LOAN:1, HOME:&lt;id&gt;): what PostgreSQL
 * still allows ({@code remainingFen}), against which Redis counts holds not yet written there. {@code exclusive}:
 * only one withdrawal at a time in the scope (RENT: once a month). {@code homeCapFen} (PURCHASE): what all the
 * home's withdrawals together may reach, guarded again by admission's PostgreSQL statement. {@link #NONE} when
 * the category has no cap.
 */
public record CategoryCap(String field, long remainingFen, boolean exclusive, String homeId, Long homeCapFen) {

    public static final CategoryCap NONE = new CategoryCap("", Long.MAX_VALUE, false, null, null);

    boolean limited() {
        return !field.isEmpty();
    }
}
