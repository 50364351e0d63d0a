package cn.hpf.mobile.withdrawal;

/**
 * A member's cap for one category scope ({@code field}: RENT:2026-11, LOAN:1, HOME:&lt;id&gt;): what PostgreSQL
 * still allows ({@code remainingFen}), against which Redis counts holds not yet written there. {@code exclusive}:
 * only one withdrawal at a time in the scope (RENT: once a month). {@link #NONE} when the category has no cap.
 */
record CategoryCap(String field, long remainingFen, boolean exclusive, String homeId) {

    static final CategoryCap NONE = new CategoryCap("", Long.MAX_VALUE, false, null);

    boolean limited() {
        return !field.isEmpty();
    }
}
