package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.datasharing.CivilAffairs;
import cn.hpf.mobile.datasharing.DepositNetwork;
import cn.hpf.mobile.datasharing.HousingRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * The category rules of issue 3, applied to the member's {@link AdmissionContext}: 404 for payees and
 * verifications that are not the member's, 422 for business rules. Answers the member's cap for the category.
 * Balance is checked later, atomically, by the hold (Redis) and the write (PostgreSQL).
 */
@ApplicationScoped
public class EligibilityRules {

    private final HousingRegistry housing;
    private final CivilAffairs civilAffairs;
    private final DepositNetwork deposits;
    private final Pool db;

    public EligibilityRules(HousingRegistry housing, CivilAffairs civilAffairs, DepositNetwork deposits, Pool db) {
        this.housing = housing;
        this.civilAffairs = civilAffairs;
        this.deposits = deposits;
        this.db = db;
    }

    Uni<CategoryCap> check(long memberId, Category category, AdmissionContext ctx, Long requestedLoanId, long amountFen,
                           LocalDate today) {
        checkPayee(memberId, category, ctx, requestedLoanId);
        checkFace(memberId, ctx);
        if (ctx.accountStatus() == AccountStatus.FROZEN || ctx.accountStatus() == AccountStatus.CLOSED) {
            throw ApiException.unprocessable("ACCOUNT_NOT_ACTIVE",
                    "The account is " + ctx.accountStatus() + "; no withdrawal is possible.");
        }
        checkFaceUsable(ctx);
        if (ctx.overdueLoans() > 0 && !category.paysToLoan()) {
            throw ApiException.unprocessable("LOAN_OVERDUE",
                    "An HPF loan is overdue: only LOAN_REPAYMENT withdrawals are possible until it is repaid.");
        }
        if (!category.allowedStatuses().contains(ctx.accountStatus())) {
            throw notEligible(category, "the account status " + ctx.accountStatus() + " does not allow it");
        }
        if (category.refusedWithLoan() && ctx.outstandingLoanFen() > 0) {
            throw notEligible(category, "an HPF loan is still outstanding");
        }
        return condition(category, ctx, today)
                .chain(() -> cap(memberId, category, ctx, today))
                .invoke(cap -> {
                    if (amountFen > cap.remainingFen()) {
                        throw capExceeded(category, "at most " + Math.max(0, cap.remainingFen()) + " fen is possible now");
                    }
                });
    }

    private static void checkPayee(long memberId, Category category, AdmissionContext ctx, Long requestedLoanId) {
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
        if (ctx.loanId() == null || !"ACTIVE".equals(ctx.loanStatus())) {
            throw notEligible(category, "there is no active HPF loan to repay");
        }
    }

    private static void checkFace(long memberId, AdmissionContext ctx) {
        if (ctx.faceOwner() == null || ctx.faceOwner() != memberId) {
            throw ApiException.notFound("FACE_VERIFICATION_NOT_FOUND", "No such face verification among yours.");
        }
    }

    private static void checkFaceUsable(AdmissionContext ctx) {
        if ("CONSUMED".equals(ctx.faceStatus())) {
            throw faceUsed();
        }
        if (!"WITHDRAWAL".equals(ctx.facePurpose()) || !"PASSED".equals(ctx.faceStatus()) || !ctx.faceUsable()) {
            throw faceRequired();
        }
    }

    static ApiException faceUsed() {
        return ApiException.unprocessable("FACE_VERIFICATION_USED",
                "This face verification already authorized a withdrawal; verify again.", "faceVerificationId");
    }

    static ApiException faceRequired() {
        return ApiException.unprocessable("FACE_VERIFICATION_REQUIRED",
                "A face verification for WITHDRAWAL passed within the last 5 minutes is required.", "faceVerificationId");
    }

    private Uni<Void> condition(Category category, AdmissionContext ctx, LocalDate today) {
        String idNumber = ctx.idNumber();
        return switch (category.condition()) {
            case NONE, OWN_HPF_LOAN, PURCHASE_CONTRACT -> Uni.createFrom().voidItem();
            case NO_HOME_IN_CITY -> housing.ownsHomeInCity(idNumber).invoke(owns -> {
                if (owns) {
                    throw notEligible(category, "the housing registry shows a home of yours in the city");
                }
            }).replaceWithVoid();
            case RETIREMENT_AGE -> {
                int age = (int) ChronoUnit.YEARS.between(ctx.birthDate(), today);
                if (age < category.conditionValue()) {
                    throw notEligible(category, "the retirement age " + category.conditionValue() + " is not reached");
                }
                yield Uni.createFrom().voidItem();
            }
            case MIN_LIVING_ALLOWANCE -> civilAffairs.receivesMinimumLivingAllowance(idNumber).invoke(receives -> {
                if (!receives) {
                    throw notEligible(category, "civil affairs shows no minimum living allowance");
                }
            }).replaceWithVoid();
            case SEALED_NO_DEPOSITS_ELSEWHERE -> {
                if (ctx.statusSince().plusMonths(category.conditionValue()).isAfter(today)) {
                    throw notEligible(category, "the account has not been sealed for "
                            + category.conditionValue() + " months");
                }
                yield deposits.depositsElsewhereSince(idNumber, ctx.statusSince()).invoke(elsewhere -> {
                    if (elsewhere) {
                        throw notEligible(category, "deposits with another centre since sealing were found");
                    }
                }).replaceWithVoid();
            }
        };
    }

    private Uni<CategoryCap> cap(long memberId, Category category, AdmissionContext ctx, LocalDate today) {
        if (category.condition() == Category.Condition.PURCHASE_CONTRACT) {
            return purchaseCap(memberId, category, ctx, today);
        }
        if (category.paysToLoan()) {
            return Uni.createFrom().item(new CategoryCap("LOAN:" + ctx.loanId(),
                    ctx.loanOutstandingFen() - ctx.loanOpenWithdrawalsFen(), false, null, null));
        }
        if (category.monthlyCapFen() != null) {
            if (category.oncePerMonth() && ctx.inPeriod() > 0) {
                throw capExceeded(category, "only one " + category.code() + " withdrawal a month is possible");
            }
            YearMonth from = ctx.lastOfCategory() == null ? YearMonth.from(ctx.statusSince())
                    : YearMonth.from(ctx.lastOfCategory().atZoneSameInstant(Zones.SHANGHAI));
            long months = Math.max(1, Math.min(category.capAccrualMonths(), from.until(YearMonth.from(today),
                    ChronoUnit.MONTHS)));
            return Uni.createFrom().item(new CategoryCap(category.code() + ":" + YearMonth.from(today),
                    category.monthlyCapFen() * months, category.oncePerMonth(), null, null));
        }
        return Uni.createFrom().item(CategoryCap.NONE);
    }

    /** All withdrawals for the home plus the HPF loans taken for it (since the contract) stay within its price. */
    private Uni<CategoryCap> purchaseCap(long memberId, Category category, AdmissionContext ctx, LocalDate today) {
        LocalDate since = today.minusMonths(category.conditionValue());
        return housing.purchaseContractSince(ctx.idNumber(), since).chain(contract -> {
            if (contract == null) {
                throw notEligible(category, "the housing registry shows no purchase contract within "
                        + category.conditionValue() + " months");
            }
            return db.preparedQuery("""
                            SELECT (SELECT coalesce(sum(amount_fen), 0) FROM withdrawal
                                     WHERE member_id = $1 AND home_id = $2 AND status <> 'FAILED'),
                                   (SELECT coalesce(sum(principal_fen), 0) FROM loan
                                     WHERE member_id = $1 AND start_date >= $3)""")
                    .execute(Tuple.of(memberId, contract.homeId(), contract.signedOn()))
                    .map(rows -> {
                        var r = rows.iterator().next();
                        long homeCap = contract.priceFen() - r.getLong(1);
                        long remaining = homeCap - r.getLong(0);
                        return new CategoryCap("HOME:" + contract.homeId(), remaining, false, contract.homeId(),
                                homeCap);
                    });
        });
    }

    static ApiException notEligible(Category category, String why) {
        return ApiException.unprocessable("NOT_ELIGIBLE", category.code() + " is not possible: " + why + ".",
                "category");
    }

    static ApiException capExceeded(Category category, String why) {
        return ApiException.unprocessable("CATEGORY_CAP_EXCEEDED", category.code() + ": " + why + ".", "amountFen");
    }
}
