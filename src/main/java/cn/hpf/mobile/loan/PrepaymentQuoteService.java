package cn.hpf.mobile.loan;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Computes and stores prepayment quotes (提前部分还款 / 提前结清). */
@ApplicationScoped
public class PrepaymentQuoteService {

    private static final String INSERT = """
            INSERT INTO prepayment_quote (id, loan_id, member_id, loan_version, amount_fen, full_repayment, mode,
                outstanding_before_fen, new_outstanding_fen, new_monthly_payment_fen, new_remaining_months,
                interest_saved_fen, new_plan_principal_fen, new_plan_term_months, new_plan_base_period, valid_until,
                channel, actor)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            """;

    private final Pool db;
    private final LoanRepository loans;
    private final LoanConfig config;
    private final Clock clock;

    public PrepaymentQuoteService(Pool db, LoanRepository loans, LoanConfig config, Clock clock) {
        this.db = db;
        this.loans = loans;
        this.config = config;
        this.clock = clock;
    }

    public Uni<PrepaymentQuote> quote(Caller caller, long loanId, PrepaymentQuoteRequest req) {
        boolean full = req != null && Boolean.TRUE.equals(req.full());
        if (req == null || (!full && req.amountFen() == null)) {
            throw ApiException.invalidField("amountFen", "Send amountFen (partial) or full: true (repay everything).");
        }
        if (req.amountFen() != null && req.amountFen() <= 0) {
            throw ApiException.invalidField("amountFen", "amountFen must be a positive number of fen.");
        }
        if (!full && req.mode() == null) {
            throw ApiException.invalidField("mode", "mode is required: SHORTEN_TERM or REDUCE_PAYMENT.");
        }
        PrepaymentMode mode = req.mode() == null ? PrepaymentMode.SHORTEN_TERM : req.mode();
        return loans.find(loanId, caller.memberId()).onItem().ifNull().failWith(LoanErrors::notFound)
                .chain(loan -> {
                    long amount = checkPrepayable(loan, full, req.amountFen());
                    PrepaymentPlanner.Figures f = PrepaymentPlanner.plan(loan, amount, mode);
                    OffsetDateTime validUntil = OffsetDateTime.ofInstant(
                            clock.instant().plus(config.quoteTtl()).truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
                    UUID id = UUID.randomUUID();
                    PrepaymentQuote quote = new PrepaymentQuote(id, loan.id(), amount, f.full(), mode,
                            loan.outstandingPrincipalFen(), f.newOutstandingFen(), f.newMonthlyPaymentFen(),
                            f.newRemainingMonths(), f.interestSavedFen(), validUntil);
                    return db.preparedQuery(INSERT).execute(Tuple.from(new Object[]{id, loan.id(), caller.memberId(),
                                    loan.version(), amount, f.full(), mode.name(), loan.outstandingPrincipalFen(),
                                    f.newOutstandingFen(), f.newMonthlyPaymentFen(), f.newRemainingMonths(),
                                    f.interestSavedFen(), f.newPlanPrincipalFen(), f.newPlanTermMonths(),
                                    f.newPlanBasePeriod(), validUntil, caller.channel().name(), caller.actor()}))
                            .replaceWith(quote);
                });
    }

    /** Active, nothing overdue and no loan repayment in flight: the states in which a prepayment may be planned. */
    static void requireOpenForPrepayment(Loan loan) {
        if (!loan.active()) {
            throw LoanErrors.closed();
        }
        if (loan.overduePeriods() > 0) {
            throw LoanErrors.overdue(loan);
        }
        if (loan.repaymentInProgress()) {
            throw LoanErrors.repaymentInProgress(loan);
        }
    }

    /** The amount to repay: the outstanding principal for a full repayment. */
    static long checkPrepayable(Loan loan, boolean full, Long amountFen) {
        requireOpenForPrepayment(loan);
        long outstanding = loan.outstandingPrincipalFen();
        if (full && amountFen != null && amountFen != outstanding) {
            throw ApiException.unprocessable("PREPAYMENT_AMOUNT_INVALID", "A full repayment is the outstanding "
                    + "principal, " + outstanding + " fen; leave amountFen out or send that amount.", "amountFen");
        }
        if (!full && amountFen > outstanding) {
            throw ApiException.unprocessable("PREPAYMENT_AMOUNT_INVALID", "amountFen exceeds the outstanding "
                    + "principal of " + outstanding + " fen; send full: true to repay everything.", "amountFen");
        }
        return full ? outstanding : amountFen;
    }
}
