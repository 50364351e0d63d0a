package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.datasharing.CivilAffairs;
import cn.hpf.mobile.datasharing.DepositNetwork;
import cn.hpf.mobile.datasharing.HousingRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The category rules, applied to the member's {@link AdmissionContext}: 404 for payees and verifications that are
 * not the member's, 422 for business rules. Answers the member's cap for the category. Balance and caps are checked
 * again, atomically, by the hold (Redis) and the write (PostgreSQL): these checks give the precise reason early.
 * The same rules tell the member beforehand what she may withdraw ({@link MemberEligibility}): only the
 * {@link Findings} differ, admission's stopping at the first refusal.
 */
@ApplicationScoped
public class EligibilityRules {

    private final HousingRegistry housing;
    private final CivilAffairs civilAffairs;
    private final DepositNetwork deposits;
    private final AdmissionRepository admissions;

    public EligibilityRules(HousingRegistry housing, CivilAffairs civilAffairs, DepositNetwork deposits,
                            AdmissionRepository admissions) {
        this.housing = housing;
        this.civilAffairs = civilAffairs;
        this.deposits = deposits;
        this.admissions = admissions;
    }

    Uni<CategoryCap> check(long memberId, Category category, AdmissionContext ctx, Long requestedLoanId, long amountFen,
                           LocalDate today) {
        return evaluate(memberId, category, ctx, new Admission(requestedLoanId, amountFen), today);
    }

    /**
     * The rules in admission's order; each refusal goes to {@code findings}. Answers the member's cap for the
     * category, or null where a refusal left none to compute (only when findings read on).
     */
    Uni<CategoryCap> evaluate(long memberId, Category category, AdmissionContext ctx, Findings findings,
                              LocalDate today) {
        findings.checkPayee(memberId, category, ctx);
        if (category.paysToLoan() && (ctx.loanId() == null || !"ACTIVE".equals(ctx.loanStatus()))) {
            findings.refuse(notEligible(category, "there is no active HPF loan to repay"));
        }
        findings.checkFaceOwner(memberId, ctx);
        if (ctx.accountStatus() == AccountStatus.FROZEN || ctx.accountStatus() == AccountStatus.CLOSED) {
            findings.refuse(Refusal.ACCOUNT_NOT_ACTIVE.error(
                    "The account is " + ctx.accountStatus() + "; no withdrawal is possible."));
        }
        findings.checkFaceUsable(ctx);
        if (ctx.overdueLoans() > 0 && !category.paysToLoan()) {
            findings.refuse(Refusal.LOAN_OVERDUE.error(
                    "An HPF loan is overdue: only LOAN_REPAYMENT withdrawals are possible until it is repaid."));
        }
        if (!category.allowedStatuses().contains(ctx.accountStatus())) {
            findings.refuse(notEligible(category, "the account status " + ctx.accountStatus() + " does not allow it"));
        }
        if (category.refusedWithLoan() && ctx.outstandingLoanFen() > 0) {
            findings.refuse(notEligible(category, "an HPF loan is still outstanding"));
        }
        if (category.closesAccount() && ctx.account().heldFen() > 0) {
            findings.refuse(Refusal.OTHER_WITHDRAWAL_IN_FLIGHT.error(category.code() + " pays out the whole balance "
                    + "and closes the account: " + ctx.account().heldFen() + " fen of other withdrawals are still "
                    + "being paid."));
        }
        return condition(category, ctx, today, findings)
                .chain(() -> cap(memberId, category, ctx, today, findings))
                .invoke(cap -> {
                    if (cap != null && findings.amountFen(category, ctx) > cap.remainingFen()) {
                        findings.refuse(capExceeded(category,
                                "at most " + Math.max(0, cap.remainingFen()) + " fen is possible now"));
                    }
                });
    }

    /** Admission's findings: the first refusal is thrown; the request's payee and verification are checked. */
    private static final class Admission extends Findings {

        private final Long requestedLoanId;
        private final long amountFen;

        Admission(Long requestedLoanId, long amountFen) {
            this.requestedLoanId = requestedLoanId;
            this.amountFen = amountFen;
        }

        @Override
        void refuse(ApiException refusal) {
            throw refusal;
        }

        @Override
        long amountFen(Category category, AdmissionContext ctx) {
            return amountFen;
        }

        @Override
        <T, R> Uni<R> ask(Uni<T> question, Function<T, Uni<R>> then, R unanswered) {
            return question.chain(answer -> then.apply(answer));
        }

        @Override
        void checkPayee(long memberId, Category category, AdmissionContext ctx) {
            if (!category.paysToLoan()) {
                if (ctx.cardOwner() == null || ctx.cardOwner() != memberId) {
                    throw ApiException.notFound("BANK_CARD_NOT_FOUND", "No such bank card among yours.");
                }
                return;
            }
            if (requestedLoanId != null && (ctx.loanOwner() == null || ctx.loanOwner() != memberId)) {
                throw ApiException.notFound("LOAN_NOT_FOUND", "No such HPF loan among yours.");
            }
            if (requestedLoanId == null && ctx.activeLoans() > 1) {
                throw ApiException.badRequest("LOAN_ID_REQUIRED", "You have several HPF loans: name one with loanId.",
                        "loanId");
            }
        }

        @Override
        void checkFaceOwner(long memberId, AdmissionContext ctx) {
            if (ctx.faceOwner() == null || ctx.faceOwner() != memberId) {
                throw ApiException.notFound("FACE_VERIFICATION_NOT_FOUND", "No such face verification among yours.");
            }
        }

        @Override
        void checkFaceUsable(AdmissionContext ctx) {
            if ("CONSUMED".equals(ctx.faceStatus())) {
                throw faceUsed();
            }
            if (!"WITHDRAWAL".equals(ctx.facePurpose()) || !"PASSED".equals(ctx.faceStatus()) || !ctx.faceUsable()) {
                throw faceRequired();
            }
        }
    }

    static ApiException faceUsed() {
        return Refusal.FACE_VERIFICATION_USED.error(
                "This face verification already authorized a withdrawal; verify again.");
    }

    static ApiException faceRequired() {
        return Refusal.FACE_VERIFICATION_REQUIRED.error(
                "A face verification for WITHDRAWAL passed within the last 5 minutes is required.");
    }

    private Uni<Void> condition(Category category, AdmissionContext ctx, LocalDate today, Findings findings) {
        String idNumber = ctx.idNumber();
        return switch (category.condition()) {
            case NONE, OWN_HPF_LOAN, PURCHASE_CONTRACT -> Uni.createFrom().voidItem();
            case NO_HOME_IN_CITY -> findings.ask(housing.ownsHomeInCity(idNumber), owns -> {
                if (owns) {
                    findings.refuse(notEligible(category, "the housing registry shows a home of yours in the city"));
                }
                return Uni.createFrom().voidItem();
            }, null);
            case RETIREMENT_AGE -> {
                int age = (int) ChronoUnit.YEARS.between(ctx.birthDate(), today);
                if (age < category.conditionValue()) {
                    findings.refuse(notEligible(category,
                            "the retirement age " + category.conditionValue() + " is not reached"));
                }
                yield Uni.createFrom().voidItem();
            }
            case MIN_LIVING_ALLOWANCE -> findings.ask(civilAffairs.receivesMinimumLivingAllowance(idNumber), receives -> {
                if (!receives) {
                    findings.refuse(notEligible(category, "civil affairs shows no minimum living allowance"));
                }
                return Uni.createFrom().voidItem();
            }, null);
            case SEALED_NO_DEPOSITS_ELSEWHERE -> {
                if (ctx.statusSince().plusMonths(category.conditionValue()).isAfter(today)) {
                    findings.refuse(notEligible(category, "the account has not been sealed for "
                            + category.conditionValue() + " months"));
                }
                yield findings.ask(deposits.depositsElsewhereSince(idNumber, ctx.statusSince()), elsewhere -> {
                    if (elsewhere) {
                        findings.refuse(notEligible(category, "deposits with another centre since sealing were found"));
                    }
                    return Uni.createFrom().voidItem();
                }, null);
            }
        };
    }

    private Uni<CategoryCap> cap(long memberId, Category category, AdmissionContext ctx, LocalDate today,
                                 Findings findings) {
        if (category.condition() == Category.Condition.PURCHASE_CONTRACT) {
            return purchaseCap(memberId, category, ctx, today, findings);
        }
        if (category.paysToLoan()) {
            // Without a loan (already refused) there is no cap to compute.
            return ctx.loanId() == null ? Uni.createFrom().nullItem()
                    : Uni.createFrom().item(new CategoryCap("LOAN:" + ctx.loanId(),
                    ctx.loanOutstandingFen() - ctx.loanOpenWithdrawalsFen(), false, null, null));
        }
        if (category.monthlyCapped()) {
            YearMonth month = YearMonth.from(today);
            if (ctx.accrualLastMonth() != null && !ctx.accrualLastMonth().isBefore(month)) {
                findings.refuse(capExceeded(category, "only one " + category.code() + " withdrawal a month is possible"));
                return Uni.createFrom().item(new CategoryCap(category.code() + ":" + month, 0, true, null, null));
            }
            YearMonth from = ctx.accrualLastMonth() != null ? ctx.accrualLastMonth() : YearMonth.from(ctx.statusSince());
            long months = Math.max(1, Math.min(category.capAccrualMonths(), from.until(month, ChronoUnit.MONTHS)));
            return Uni.createFrom().item(new CategoryCap(category.code() + ":" + month,
                    category.monthlyCapFen() * months, true, null, null));
        }
        return Uni.createFrom().item(CategoryCap.NONE);
    }

    /** All withdrawals for the home plus the HPF loans taken for it (since the contract) stay within its price. */
    private Uni<CategoryCap> purchaseCap(long memberId, Category category, AdmissionContext ctx, LocalDate today,
                                         Findings findings) {
        LocalDate since = today.minusMonths(category.conditionValue());
        return findings.ask(housing.purchaseContractSince(ctx.idNumber(), since), contract -> {
            if (contract == null) {
                findings.refuse(notEligible(category, "the housing registry shows no purchase contract within "
                        + category.conditionValue() + " months"));
                return Uni.createFrom().<CategoryCap>nullItem();
            }
            return admissions.homeUse(memberId, contract.homeId(), contract.signedOn())
                    .map(use -> {
                        long homeCap = contract.priceFen() - use[1];
                        long remaining = homeCap - use[0];
                        return new CategoryCap("HOME:" + contract.homeId(), remaining, false, contract.homeId(),
                                homeCap);
                    });
        }, null);
    }

    static ApiException notEligible(Category category, String why) {
        return Refusal.NOT_ELIGIBLE.error(category.code() + " is not possible: " + why + ".");
    }

    static ApiException capExceeded(Category category, String why) {
        return Refusal.CATEGORY_CAP_EXCEEDED.error(category.code() + ": " + why + ".");
    }
}
