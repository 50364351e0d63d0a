package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.Zones;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the member may withdraw now, per online category: admission's own context read and {@link EligibilityRules},
 * with findings that note every refusal instead of stopping at the first. The request-only checks (payee, face
 * verification) are left out; the balance and the single-payout limit are applied as admission's hold and write
 * apply them. Nothing is reserved or written.
 */
@ApplicationScoped
public class MemberEligibility {

    /** A data-sharing platform did not answer: the condition it decides is unknown, so the category is not open. */
    public static final String DATA_SHARING_UNAVAILABLE = "DATA_SHARING_UNAVAILABLE";

    private final CategoryCatalog catalog;
    private final AdmissionRepository admissions;
    private final EligibilityRules rules;
    private final DailyBudget budget;
    private final AdmissionConfig config;
    private final Clock clock;

    public MemberEligibility(CategoryCatalog catalog, AdmissionRepository admissions, EligibilityRules rules,
                             DailyBudget budget, AdmissionConfig config, Clock clock) {
        this.catalog = catalog;
        this.admissions = admissions;
        this.rules = rules;
        this.budget = budget;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The member's standing in one category. {@code reasons}: the refusal codes admission would answer with, in
     * admission's order (the first is the one it answers), without repeats; {@code details}: their messages.
     */
    public record Standing(String category, boolean eligible, List<String> reasons, List<String> details,
                           long maxAmountFen) {
    }

    /** Every enabled category, by code; 404 ACCOUNT_NOT_FOUND without an account. */
    public Uni<Map<String, Standing>> standings(long memberId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.SHANGHAI);
        return catalog.all().chain(categories -> budget.terms(today).chain(terms ->
                Multi.createFrom().iterable(categories.values())
                        .onItem().transformToUniAndConcatenate(c -> standing(memberId, c, terms, today))
                        .collect().asMap(Standing::category, Function.identity())));
    }

    private Uni<Standing> standing(long memberId, Category category, BudgetTerms terms, LocalDate today) {
        return admissions.context(memberId, null, null, null, category)
                .chain(ctx -> judge(memberId, category, ctx, terms, today));
    }

    /** The standing from admission's context read (no payee, no verification). */
    Uni<Standing> judge(long memberId, Category category, AdmissionContext ctx, BudgetTerms terms, LocalDate today) {
        Probe probe = new Probe(ctx);
        return rules.evaluate(memberId, category, ctx, probe, today).map(cap -> probe.standing(category, cap, terms));
    }

    /** Notes every refusal; tries the smallest amount admission could accept (the whole balance where required). */
    private final class Probe extends Findings {

        private final long availableFen;
        private final Set<String> reasons = new LinkedHashSet<>();
        private final List<String> details = new ArrayList<>();

        Probe(AdmissionContext ctx) {
            this.availableFen = ctx.account().balanceFen() - ctx.account().heldFen();
        }

        @Override
        void refuse(ApiException refusal) {
            reasons.add(refusal.code());
            details.add(refusal.getMessage());
        }

        @Override
        long amountFen(Category category, AdmissionContext ctx) {
            return category.wholeBalance() ? availableFen : 1;
        }

        /**
         * Once a rule has refused, the platforms are not asked: the answer is already no, and every question costs
         * the platform a call (the member's guide is read far more often than a withdrawal is made).
         */
        @Override
        <T, R> Uni<R> ask(Uni<T> question, Function<T, Uni<R>> then, R unanswered) {
            if (!reasons.isEmpty()) {
                return Uni.createFrom().item(unanswered);
            }
            return question.onItemOrFailure().transformToUni((answer, failure) -> {
                if (failure == null) {
                    return then.apply(answer);
                }
                reasons.add(DATA_SHARING_UNAVAILABLE);
                details.add("A data-sharing platform could not be asked now ("
                        + (failure instanceof ApiException api ? api.code() : failure.getClass().getSimpleName())
                        + "); the condition it decides is unknown. Retry later.");
                return Uni.createFrom().item(unanswered);
            });
        }

        /** After the rules: the single-payout limit and the balance, as admission's hold and write apply them. */
        Standing standing(Category category, CategoryCap cap, BudgetTerms terms) {
            long limit = Math.min(terms.largestShareFen(), config.maxAmountFen());
            long max;
            if (category.wholeBalance()) {
                if (availableFen > limit) {
                    try {
                        budget.requireWithinOneShard(terms, availableFen);
                    } catch (ApiException e) {
                        refuse(e);
                    }
                }
                max = availableFen;
            } else {
                max = Math.min(availableFen, Math.min(limit, cap == null ? 0 : cap.remainingFen()));
            }
            if (availableFen <= 0) {
                refuse(Refusal.INSUFFICIENT_BALANCE.error(
                        "Nothing of the balance is available to withdraw now."));
            }
            boolean eligible = reasons.isEmpty() && cap != null && max > 0;
            return new Standing(category.code(), eligible, List.copyOf(reasons),
                    details.stream().distinct().collect(Collectors.toList()), eligible ? max : 0);
        }
    }
}
