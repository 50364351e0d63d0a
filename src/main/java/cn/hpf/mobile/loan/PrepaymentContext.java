package cn.hpf.mobile.loan;

import cn.hpf.mobile.common.ApiException;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Everything a prepayment request is checked against, read in one query. The checks give the member a precise
 * reason; the write statement re-checks every condition itself, so a race between the two can never pay twice.
 */
record PrepaymentContext(
        Loan loan,
        boolean quoteFound,
        boolean quoteUsed,
        boolean quoteValid,
        long quoteLoanVersion,
        long amountFen,
        boolean full,
        PrepaymentMode mode,
        long newOutstandingFen,
        long newMonthlyPaymentFen,
        int newRemainingMonths,
        boolean faceFound,
        String faceStatus,
        String facePurpose,
        boolean faceUsable,
        String accountStatus,
        long availableFen,
        boolean cardFound) {

    static final String QUERY = "SELECT " + Loan.COLUMNS + """
            ,
                   q.id IS NOT NULL, q.used_by IS NOT NULL, coalesce(q.valid_until > now(), false), q.loan_version,
                   q.amount_fen, q.full_repayment, q.mode, q.new_outstanding_fen, q.new_monthly_payment_fen,
                   q.new_remaining_months,
                   f.id IS NOT NULL, f.status, f.purpose, coalesce(f.usable_until > now(), false),
                   a.status, a.balance_fen - a.held_fen, c.id IS NOT NULL
            FROM loan l
            LEFT JOIN prepayment_quote q ON q.id = $3 AND q.member_id = $2 AND q.loan_id = l.id
            LEFT JOIN face_verification f ON f.id = $4 AND f.member_id = $2
            LEFT JOIN account a ON a.member_id = $2
            LEFT JOIN bank_card c ON c.id = $5 AND c.member_id = $2
            WHERE l.id = $1 AND l.member_id = $2
            """;

    static PrepaymentContext of(Row r) {
        int i = 21;
        boolean quote = r.getBoolean(i);
        return new PrepaymentContext(Loan.of(r), quote, r.getBoolean(i + 1), r.getBoolean(i + 2),
                quote ? r.getLong(i + 3) : 0, quote ? r.getLong(i + 4) : 0, quote && r.getBoolean(i + 5),
                quote ? PrepaymentMode.valueOf(r.getString(i + 6)) : null, quote ? r.getLong(i + 7) : 0,
                quote ? r.getLong(i + 8) : 0, quote ? r.getInteger(i + 9) : 0,
                r.getBoolean(i + 10), r.getString(i + 11), r.getString(i + 12), r.getBoolean(i + 13),
                r.getString(i + 14), r.getLong(i + 15) == null ? 0 : r.getLong(i + 15), r.getBoolean(i + 16));
    }

    /** Throws the first reason the prepayment cannot go ahead: not found (404) before business rules (422). */
    void check(PrepaymentRequest req) {
        if (!quoteFound) {
            throw ApiException.notFound("QUOTE_NOT_FOUND", "No prepayment quote with this id for this loan.");
        }
        if (!faceFound) {
            throw ApiException.notFound("FACE_VERIFICATION_NOT_FOUND", "You have no face verification with this id.");
        }
        if (req.source() == PrepaymentSource.BANK_CARD && !cardFound) {
            throw ApiException.notFound("BANK_CARD_NOT_FOUND", "You have no bank card with this id.");
        }
        PrepaymentQuoteService.requireOpenForPrepayment(loan);
        if (quoteUsed) {
            throw ApiException.unprocessable("QUOTE_USED", "This quote has already been used; ask for a new one.",
                    "quoteId");
        }
        if (!quoteValid || quoteLoanVersion != loan.version()) {
            throw ApiException.unprocessable("QUOTE_EXPIRED", "This quote has expired or the loan has changed "
                    + "since; ask for a new one.", "quoteId");
        }
        if ("CONSUMED".equals(faceStatus)) {
            throw ApiException.unprocessable("FACE_VERIFICATION_USED",
                    "This face verification has already authorized an action; verify again.", "faceVerificationId");
        }
        if (!"PASSED".equals(faceStatus) || !"PREPAYMENT".equals(facePurpose) || !faceUsable) {
            throw ApiException.unprocessable("FACE_VERIFICATION_REQUIRED", "A passed face verification for "
                    + "PREPAYMENT, less than 5 minutes old, is required.", "faceVerificationId");
        }
        if (req.source() == PrepaymentSource.HPF_BALANCE) {
            if (!"NORMAL".equals(accountStatus) && !"SEALED".equals(accountStatus)) {
                throw ApiException.unprocessable("ACCOUNT_NOT_ACTIVE",
                        "Your HPF account is " + accountStatus + "; its balance cannot be used.");
            }
            if (availableFen < amountFen) {
                throw ApiException.unprocessable("INSUFFICIENT_BALANCE", "The available HPF balance is "
                        + availableFen + " fen; the prepayment needs " + amountFen + " fen.", "source");
            }
        }
    }
}
