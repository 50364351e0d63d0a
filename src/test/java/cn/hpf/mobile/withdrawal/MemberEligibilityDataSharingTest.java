package cn.hpf.mobile.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.datasharing.CivilAffairs;
import cn.hpf.mobile.datasharing.DepositNetwork;
import cn.hpf.mobile.datasharing.HousingRegistry;
import cn.hpf.mobile.datasharing.PurchaseContract;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A data-sharing platform that cannot be asked: the member's standing says so with a definite reason (never a 500,
 * never a guess), while admission still answers 503 as it always did.
 */
class MemberEligibilityDataSharingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    /** Every question fails, as the real platforms' stand-in does. */
    private static final class Unreachable implements HousingRegistry, CivilAffairs, DepositNetwork {
        /** Questions actually sent (subscribed to). */
        final AtomicInteger asked = new AtomicInteger();

        private <T> Uni<T> down() {
            return Uni.createFrom().deferred(() -> {
                asked.incrementAndGet();
                return Uni.createFrom().failure(ApiException.unavailable("DATA_SHARING_UNAVAILABLE", "down", 60));
            });
        }

        @Override
        public Uni<Boolean> ownsHomeInCity(String idNumber) {
            return down();
        }

        @Override
        public Uni<PurchaseContract> purchaseContractSince(String idNumber, LocalDate since) {
            return down();
        }

        @Override
        public Uni<Boolean> receivesMinimumLivingAllowance(String idNumber) {
            return down();
        }

        @Override
        public Uni<Boolean> depositsElsewhereSince(String idNumber, LocalDate since) {
            return down();
        }
    }

    private static final AdmissionConfig CONFIG = new AdmissionConfig() {
        public AdmissionMode mode() {
            return AdmissionMode.REDIS;
        }

        public long dailyBudgetFen() {
            return 2_000_000_000L;
        }

        public int budgetShards() {
            return 8;
        }

        public long maxAmountFen() {
            return 10_000_000_000L;
        }

        public Duration writeTimeout() {
            return Duration.ofSeconds(6);
        }

        public Duration holdGrace() {
            return Duration.ofSeconds(20);
        }

        public String recoveryEvery() {
            return "10s";
        }

        public Duration categoryRefresh() {
            return Duration.ofSeconds(5);
        }

        public Batch batch() {
            throw new UnsupportedOperationException("no admission is written here");
        }
    };

    private final Unreachable platforms = new Unreachable();
    private final EligibilityRules rules = new EligibilityRules(platforms, platforms, platforms, null);
    private final MemberEligibility eligibility = new MemberEligibility(null, null, rules, null, CONFIG,
            Clock.systemUTC());
    private final BudgetTerms terms = new BudgetTerms(TODAY, 2_000_000_000L, 8);

    private static Category category(String code, boolean wholeBalance, Category.Condition condition, Integer value,
                                     Long monthlyCap) {
        return new Category(code, code, code, EnumSet.of(AccountStatus.NORMAL, AccountStatus.SEALED), wholeBalance,
                Category.PayeeType.CARD, condition, value, false, monthlyCap, monthlyCap == null ? null : 12,
                monthlyCap != null, false);
    }

    private static AdmissionContext member(AccountStatus status) {
        AccountSnapshot account = new AccountSnapshot(1, "测试", "3301****0001", status, LocalDate.of(2020, 1, 1),
                1_000_000, 0, 1_000_000, new BigDecimal("0.12"), new BigDecimal("0.12"), TODAY.minusMonths(1), 1);
        // The member's own card and a fresh face verification, for admission's request checks.
        return new AdmissionContext("330101199001010001", LocalDate.of(1990, 1, 1), 1L, 1L, "WITHDRAWAL", "PASSED",
                true, 0, 0, 0, null, null, null, 0, 0, null, account);
    }

    private MemberEligibility.Standing judge(Category c, AdmissionContext ctx) {
        return eligibility.judge(1, c, ctx, terms, TODAY).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void anUnansweredConditionIsADefiniteReasonNotAGuess() {
        Category rent = category("RENT", false, Category.Condition.NO_HOME_IN_CITY, null, 200_000L);
        MemberEligibility.Standing s = judge(rent, member(AccountStatus.NORMAL));
        assertThat(s.eligible()).isFalse();
        assertThat(s.reasons()).containsExactly(MemberEligibility.DATA_SHARING_UNAVAILABLE);
        assertThat(s.maxAmountFen()).isZero();

        // No contract could be looked up: that is not "no contract" (NOT_ELIGIBLE) but an unknown.
        Category purchase = category("PURCHASE", false, Category.Condition.PURCHASE_CONTRACT, 12, null);
        assertThat(judge(purchase, member(AccountStatus.NORMAL)).reasons())
                .containsExactly(MemberEligibility.DATA_SHARING_UNAVAILABLE);

        Category sealed = category("LEFT_CITY_SEALED", true, Category.Condition.SEALED_NO_DEPOSITS_ELSEWHERE, 6, null);
        assertThat(judge(sealed, member(AccountStatus.SEALED)).reasons())
                .containsExactly(MemberEligibility.DATA_SHARING_UNAVAILABLE);
    }

    @Test
    void everyRuleIsHeardInAdmissionsOrderButNoPlatformIsAskedOnceTheAnswerIsNo() {
        Category rent = category("RENT", false, Category.Condition.NO_HOME_IN_CITY, null, 200_000L);
        MemberEligibility.Standing s = judge(rent, member(AccountStatus.FROZEN));
        assertThat(s.reasons()).containsExactly("ACCOUNT_NOT_ACTIVE", "NOT_ELIGIBLE");
        assertThat(s.details()).hasSize(2);
        assertThat(platforms.asked).hasValue(0);

        judge(rent, member(AccountStatus.NORMAL));
        assertThat(platforms.asked).as("a member the rules have not refused is asked about").hasValue(1);
    }

    @Test
    void admissionStillAnswersTheUnreachablePlatformWith503() {
        Category rent = category("RENT", false, Category.Condition.NO_HOME_IN_CITY, null, 200_000L);
        assertThatThrownBy(() -> rules.check(1, rent, member(AccountStatus.NORMAL), null, 1000, TODAY)
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("DATA_SHARING_UNAVAILABLE");
                });
        // Admission stops at the first refusal, as before: the frozen account, nothing asked of the platform.
        assertThatThrownBy(() -> rules.check(1, rent, member(AccountStatus.FROZEN), null, 1000, TODAY)
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ACCOUNT_NOT_ACTIVE"));
    }
}
