package cn.hpf.mobile.common;

import io.vertx.pgclient.PgException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * The one catalogue of refusals of money actions: every code a money statement can raise in SQL
 * ({@link #raise()}, through {@code hpf_refused}) and every refusal Java or a Redis script reaches on its own,
 * with the status, message and field the member gets. A code raised in SQL that is not here would be a 500, so
 * SQL names codes only through this enum (a test checks every statement and migration).
 */
public enum Refusal {
    INSUFFICIENT_BALANCE(422, "The available balance does not cover this amount.", "amountFen"),
    AMOUNT_MUST_EQUAL_AVAILABLE(422,
            "This category pays out the whole available balance: amountFen must equal availableFen.", "amountFen"),
    CATEGORY_CAP_EXCEEDED(422, "The category's limit for you does not allow this amount now.", "amountFen"),
    OTHER_WITHDRAWAL_IN_FLIGHT(422, "This withdrawal pays out the whole balance and closes the account: it needs "
            + "no other withdrawal in flight. Try again once those are paid or failed.", "category"),
    AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT(422, "This amount is above what one withdrawal can pay out.", "amountFen"),
    FACE_VERIFICATION_USED(422, "This face verification already authorized an action; verify again.",
            "faceVerificationId"),
    FACE_VERIFICATION_REQUIRED(422, "A face verification for this action, passed within the last 5 minutes, is "
            + "required.", "faceVerificationId"),
    ACCOUNT_NOT_ACTIVE(422, "The account is frozen or closed; no withdrawal is possible.", null),
    NOT_ELIGIBLE(422, "The account status does not allow this category.", "category"),
    LOAN_OUTSTANDING(422, "An HPF loan of the member is not repaid: the account cannot move to another city.", null),
    LOAN_OVERDUE(422, "An HPF loan is overdue: only LOAN_REPAYMENT withdrawals are possible until it is repaid.", null),
    LOAN_CLOSED(422, "This loan is repaid and closed.", null),
    LOAN_REPAYMENT_IN_PROGRESS(422, "A loan repayment withdrawal is still being paid to this loan; try again when it "
            + "is finished.", null),
    QUOTE_USED(422, "This quote has already been used; ask for a new one.", "quoteId"),
    QUOTE_EXPIRED(422, "This quote has expired or the loan has changed since; ask for a new one.", "quoteId"),
    PREPAYMENT_CONFLICT(409, "The loan or the quote changed while this request ran; ask for a new quote.", null),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "A request with this Idempotency-Key is still being processed; retry shortly.", null),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was already used with a different request body.",
            "Idempotency-Key"),
    /** Until the next Asia/Shanghai day, when a fresh budget opens. */
    DAILY_BUDGET_EXHAUSTED(503, "Today's payout budget of the centre is used up; withdrawals reopen tomorrow.", null),
    ADMISSION_UNAVAILABLE(503, "Withdrawals are paused for a moment; nothing was done, retry shortly.", null),
    /** Operators paused admissions for the whole cluster (POST /v1/ops/admissions/pause) until they resume them. */
    ADMISSIONS_PAUSED(503, "The centre has paused new withdrawals for a while; nothing was done. Retry later, with "
            + "the same Idempotency-Key.", null),
    PREPAYMENT_UNAVAILABLE(503, "The prepayment could not be made just now; nothing was done, retry shortly.", null),
    TRANSFER_UNAVAILABLE(503, "The transfer could not be recorded just now; nothing was done, retry shortly.", null),
    /** An operator's "ask the bank again" on a payout that is PAID, FAILED or RETURNED already. */
    PAYOUT_ALREADY_FINISHED(409, "This payout is finished; there is nothing to ask the bank.", null),
    /** "Ask the bank again" on a payout the dispatcher has not sent yet: the bank cannot know it. */
    PAYOUT_NOT_SENT(409, "This payout has not been sent to the bank yet; the dispatcher sends it first.", null),
    /** "Ask the bank again" while a dispatcher holds the payout's lease (it is asking or paying right now). */
    PAYOUT_BEING_ASKED(409, "The bank is being asked about this payout right now; look again in a few seconds.", null),
    /** The bank's statement file for the day is not there yet (or, on GET, the day was never reconciled). */
    BANK_STATEMENT_NOT_AVAILABLE(404, "The bank's statement for this day is not available yet.", null),
    /** The bank's statement file breaks its format: nothing compared, nothing stored, until the bank re-delivers. */
    BANK_STATEMENT_MALFORMED(502, "The bank's statement file is malformed; nothing was reconciled.", null),
    /** The bank's statements cannot be read at all (no adapter, the directory cannot be read). */
    BANK_STATEMENT_UNAVAILABLE(503, "The bank's statements cannot be read just now; nothing was reconciled.", null);

    /** SQLSTATE of hpf_refused(code). */
    public static final String SQLSTATE = "HPF01";

    private final int status;
    private final String message;
    private final String field;

    Refusal(int status, String message, String field) {
        this.status = status;
        this.message = message;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** SQL that raises this refusal and rolls the statement back. */
    public String raise() {
        return "hpf_refused('" + name() + "')";
    }

    public ApiException error(Clock clock) {
        return error(clock, message);
    }

    /** With the catalogue's message, for refusals without a Retry-After (every 4xx here). */
    public ApiException error() {
        return error(message);
    }

    /** For refusals without a Retry-After (every 4xx here). */
    public ApiException error(String detail) {
        return error(Clock.system(Zones.SHANGHAI), detail);
    }

    /** With a message that says more than the catalogue's (the limit that applied, the status found). */
    public ApiException error(Clock clock, String detail) {
        Integer retryAfter = switch (this) {
            case DAILY_BUDGET_EXHAUSTED -> secondsToNextDay(clock);
            case ADMISSION_UNAVAILABLE, PREPAYMENT_UNAVAILABLE, TRANSFER_UNAVAILABLE -> 2;
            case ADMISSIONS_PAUSED -> 30;
            case BANK_STATEMENT_UNAVAILABLE -> 60;
            // A corrected file comes from the bank, not from retrying at once.
            case BANK_STATEMENT_MALFORMED -> 3600;
            default -> null;
        };
        return new ApiException(status, name(), detail, field, retryAfter);
    }

    /** With the catalogue's message and a Retry-After the caller chose (a configured wait). */
    public ApiException error(Duration retryAfter) {
        return new ApiException(status, name(), message, field, (int) Math.max(1, retryAfter.toSeconds()));
    }

    /** The refusal an hpf_refused(code) raised, or null when the error is another one. */
    public static Refusal raisedBy(Throwable e) {
        if (e instanceof PgException pg && SQLSTATE.equals(pg.getSqlState())) {
            // Every code SQL raises is in this enum (RefusalCatalogueTest): valueOf cannot fail in production.
            return valueOf(pg.getErrorMessage());
        }
        return null;
    }

    private static int secondsToNextDay(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Zones.SHANGHAI));
        long seconds = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(Zones.SHANGHAI)).toSeconds();
        return (int) Math.max(1, seconds);
    }
}
