package cn.hpf.mobile.loan;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.calculator.RepaymentPlan;
import cn.hpf.mobile.common.Zones;
import io.micrometer.core.instrument.MeterRegistry;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.common.jobs.ClusterJobs;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * 按月转账: for every active loan with auto-transfer on, draws the instalment that falls due in the month from the
 * member's HPF balance through the ledger, at most once per loan and month (the ledger reference
 * 'loan:<id>:<yyyy-MM>' is unique), and marks it paid. A short balance is skipped: logged, recorded in
 * loan_auto_transfer (status SKIPPED, reason INSUFFICIENT_BALANCE) and counted in the metric
 * {@code loan_auto_transfer_total{outcome}}; the daily schedule retries it until the month is paid.
 * A loan with an overdue instalment is skipped too (reason LOAN_OVERDUE): the overdue one is collected by the
 * lending bank, and drawing a later one first would pay out of order. So is a loan with a LOAN_REPAYMENT withdrawal
 * still being paid (reason LOAN_REPAYMENT_IN_PROGRESS): its plan changes when that is paid.
 * Once per cluster: every replica's scheduler fires, the first to claim the run does it ({@link ClusterJobs}), so a
 * month's attempts and the metric count each run once. A draw is safe twice anyway (the unique ledger reference).
 */
@ApplicationScoped
public class AutoTransferJob {

    private static final Logger LOG = Logger.getLogger(AutoTransferJob.class);
    static final String METRIC = "loan_auto_transfer_total";

    static final String JOB = "loan-auto-transfer";

    private final AutoTransferRepository repository;
    private final AccountService accounts;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final FaultPoints faults;

    public AutoTransferJob(AutoTransferRepository repository, AccountService accounts, MeterRegistry metrics,
                           Clock clock, ClusterJobs jobs, FaultPoints faults) {
        this.repository = repository;
        this.accounts = accounts;
        this.metrics = metrics;
        this.clock = clock;
        this.jobs = jobs;
        this.faults = faults;
    }

    @Scheduled(identity = JOB, cron = "${hpf.loan.auto-transfer-cron:"
            + LoanConfig.AUTO_TRANSFER_CRON_DEFAULT + "}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled(ScheduledExecution execution) {
        return runOnce(execution).replaceWithVoid();
    }

    /** This run's report, or null when another replica claimed the run. */
    Uni<AutoTransferReport> runOnce(ScheduledExecution execution) {
        return jobs.once(JOB, execution, () -> runFor(LocalDate.now(clock.withZone(Zones.SHANGHAI)))
                .invoke(r -> LOG.infof("按月转账 %s: %d paid, %d skipped (short balance), %d skipped (overdue)",
                        r.month(), r.paid(), r.skippedInsufficientBalance(), r.skippedOverdue())), null);
    }

    /** Draws the instalments due in {@code day}'s month (Asia/Shanghai); tests call it with the date they need. */
    public Uni<AutoTransferReport> runFor(LocalDate day) {
        YearMonth month = YearMonth.from(day);
        return repository.candidates(month)
                .chain(loans -> Multi.createFrom().iterable(loans)
                        .onItem().transformToUniAndConcatenate(loan -> drawOne(loan, month))
                        .collect().asList())
                .map(outcomes -> report(month, outcomes));
    }

    enum Outcome { PAID, INSUFFICIENT_BALANCE, LOAN_OVERDUE, NOTHING_DUE, LOAN_REPAYMENT_IN_PROGRESS }

    private Uni<Outcome> drawOne(Loan loan, YearMonth month) {
        int period = loan.periodDueIn(month);
        if (period < 1 || period > loan.lastPeriod() || loan.paidPeriods() >= period) {
            return Uni.createFrom().item(Outcome.NOTHING_DUE);
        }
        RepaymentPlan plan = loan.plan();
        int p = loan.planPeriod(period);
        long amount = plan.paymentFen(p);
        long principal = plan.principalFen(p);
        long interest = plan.interestFen(p);
        if (loan.overduePeriods() > 0 || loan.paidPeriods() < period - 1) {
            return repository.skip(loan, month, period, Outcome.LOAN_OVERDUE.name(), amount, principal, interest, null)
                    .replaceWith(counted(Outcome.LOAN_OVERDUE));
        }
        if (loan.repaymentInProgress()) {
            // The instalment was computed from a principal the pending repayment is about to lower (and re-plan):
            // wait for it; the draw statement re-checks this, and the daily schedule retries.
            return repository.skip(loan, month, period, Outcome.LOAN_REPAYMENT_IN_PROGRESS.name(), amount, principal,
                    interest, null).replaceWith(counted(Outcome.LOAN_REPAYMENT_IN_PROGRESS));
        }
        return repository.draw(loan, period, amount, principal, interest, month)
                .chain(drawn -> {
                    if (drawn.account() != null) {
                        return faults.reach(FaultPoint.AUTO_TRANSFER_DRAWN, loan.memberId())
                                .chain(() -> accounts.publish(drawn.account())).onFailure().recoverWithNull()
                                .replaceWith(counted(Outcome.PAID));
                    }
                    if (!drawn.eligible()) {
                        return Uni.createFrom().item(Outcome.NOTHING_DUE); // changed since it was read
                    }
                    LOG.warnf("按月转账 skipped: loan %d period %d needs %d fen, member %d has %d fen available",
                            loan.id(), period, amount, loan.memberId(), drawn.availableFen());
                    return repository.skip(loan, month, period, Outcome.INSUFFICIENT_BALANCE.name(), amount,
                                    principal, interest, drawn.availableFen())
                            .replaceWith(counted(Outcome.INSUFFICIENT_BALANCE));
                })
                .onFailure(AutoTransferJob::alreadyDrawn).recoverWithItem(Outcome.NOTHING_DUE)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "按月转账 failed for loan %d, month %s; the next run retries", loan.id(), month);
                    return Outcome.NOTHING_DUE;
                });
    }

    /** Another instance drew this month first (unique ledger reference), or the loan moved under us (guard). */
    private static boolean alreadyDrawn(Throwable e) {
        return e instanceof PgException pg && ("23505".equals(pg.getSqlState()) || "22012".equals(pg.getSqlState()));
    }

    private Outcome counted(Outcome outcome) {
        metrics.counter(METRIC, "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private static AutoTransferReport report(YearMonth month, List<Outcome> outcomes) {
        int[] n = new int[Outcome.values().length];
        outcomes.forEach(o -> n[o.ordinal()]++);
        return new AutoTransferReport(month, n[Outcome.PAID.ordinal()], n[Outcome.INSUFFICIENT_BALANCE.ordinal()],
                n[Outcome.LOAN_OVERDUE.ordinal()], n[Outcome.NOTHING_DUE.ordinal()],
                n[Outcome.LOAN_REPAYMENT_IN_PROGRESS.ordinal()]);
    }
}
