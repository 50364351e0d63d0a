package cn.hpf.mobile.guide;

import cn.hpf.mobile.guide.WithdrawalChecklist.Summary;
import cn.hpf.mobile.withdrawal.Category;
import cn.hpf.mobile.withdrawal.CategoryCatalog;
import cn.hpf.mobile.withdrawal.MemberEligibility;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service guide and the one-time checklist from their tables, with the online withdrawals' limits taken from
 * admission's category rules; and the checklist for one member, from {@link MemberEligibility}.
 */
@ApplicationScoped
public class GuideService {

    /** The reason for withdrawals that are made at an outlet, never through POST /v1/withdrawals. */
    static final String NOT_ONLINE = "NOT_ONLINE";

    private final GuideRepository repository;
    private final CategoryCatalog categories;
    private final MemberEligibility eligibility;

    public GuideService(GuideRepository repository, CategoryCatalog categories, MemberEligibility eligibility) {
        this.repository = repository;
        this.categories = categories;
        this.eligibility = eligibility;
    }

    /** What the checklist is made of, read in one session. */
    private record Checklist(List<WithdrawalGuide> guides, Map<String, List<WithdrawalGuideProof>> proofs,
                             Map<String, ProofSource> sources, Map<String, HallService> services,
                             Map<String, List<String>> outletIds, Map<String, Category> categories) {

        Category category(WithdrawalGuide g) {
            return g.category == null ? null : categories.get(g.category);
        }

        List<WithdrawalGuideProof> proofsOf(String guideCode) {
            return proofs.getOrDefault(guideCode, List.of());
        }
    }

    public Uni<ServiceGuideList> services(HallService.Audience audience, HallService.Mode mode) {
        return checklist(audience, mode).map(c -> {
            Map<String, WithdrawalGuide> byService = c.guides().stream()
                    .collect(Collectors.toMap(g -> g.serviceCode, Function.identity()));
            List<ServiceGuide> items = new ArrayList<>();
            for (HallService s : c.services().values()) {
                WithdrawalGuide g = byService.get(s.code);
                Category category = g == null ? null : c.category(g);
                List<String> materials = g == null ? List.of(s.materials) : withdrawalMaterials(c, g);
                items.add(new ServiceGuide(s.code, s.name, s.nameEn, s.audience, s.mode,
                        fill(List.of(s.conditions), category), List.of(s.steps), materials, List.of(s.forms),
                        c.outletIds().getOrDefault(s.code, List.of())));
            }
            return new ServiceGuideList(items);
        });
    }

    public Uni<WithdrawalChecklist> withdrawalCategories() {
        return checklist(null, null).map(GuideService::cards);
    }

    /**
     * The checklist for the member now; 404 ACCOUNT_NOT_FOUND without an account. The session is closed before
     * admission's reads run on the pool, so that one request never holds two connections.
     */
    public Uni<MyWithdrawalCategories> withdrawalCategoriesOf(long memberId) {
        return checklist(HallService.Audience.MEMBER, null).map(GuideService::cards)
                .chain(card -> eligibility.standings(memberId).map(standings -> {
                    List<MyWithdrawalCategory> items = new ArrayList<>();
                    for (WithdrawalCard w : card.items()) {
                        MemberEligibility.Standing s = w.online() ? standings.get(w.category()) : null;
                        items.add(s == null
                                ? new MyWithdrawalCategory(w.category(), false, List.of(NOT_ONLINE), 0,
                                w.checkedByCentre(), w.toBring(), false, w.name(),
                                List.of("This withdrawal is made at an outlet (mode " + w.mode() + "), not online."))
                                : new MyWithdrawalCategory(w.category(), s.eligible(), s.reasons(), s.maxAmountFen(),
                                w.checkedByCentre(), w.toBring(), true, w.name(), s.details()));
                    }
                    return new MyWithdrawalCategories(items);
                }));
    }

    /**
     * The catalogue and admission's category rules. The rules are read first, outside the session: their refresh
     * takes a connection of its own, and a request must never hold one while waiting for another.
     */
    private Uni<Checklist> checklist(HallService.Audience audience, HallService.Mode mode) {
        return categories.all().chain(rules -> Panache.withSession(() -> checklist(audience, mode, rules)));
    }

    private Uni<Checklist> checklist(HallService.Audience audience, HallService.Mode mode,
                                     Map<String, Category> rules) {
        // One session runs one query at a time: the reads follow each other.
        return repository.services(audience, mode).chain(services -> repository.withdrawals()
                .chain(guides -> repository.proofs()
                        .chain(proofs -> repository.sources()
                                .chain(sources -> repository.outletIdsByService()
                                        .map(outlets -> {
                                            Map<String, HallService> byCode = new java.util.LinkedHashMap<>();
                                            services.forEach(s -> byCode.put(s.code, s));
                                            return new Checklist(
                                                    guides.stream().filter(g -> byCode.containsKey(g.serviceCode))
                                                            .toList(),
                                                    proofs.stream().collect(Collectors.groupingBy(p -> p.guideCode)),
                                                    sources.stream().collect(Collectors.toMap(p -> p.code,
                                                            Function.identity())),
                                                    byCode, outlets, rules);
                                        })))));
    }

    private static WithdrawalChecklist cards(Checklist c) {
        List<WithdrawalCard> items = new ArrayList<>();
        Set<String> checkedItems = new HashSet<>();
        Set<String> checkedKinds = new HashSet<>();
        int idCardOnly = 0;
        for (WithdrawalGuide g : c.guides()) {
            HallService s = c.services().get(g.serviceCode);
            Category category = c.category(g);
            List<String> materials = new ArrayList<>();
            List<String> checked = new ArrayList<>();
            List<String> toBring = new ArrayList<>();
            boolean onlyIdCard = true;
            for (WithdrawalGuideProof p : c.proofsOf(g.code)) {
                materials.add(p.name);
                if (p.checkedBy == null) {
                    toBring.add(p.name);
                    onlyIdCard &= WithdrawalGuideProof.ID_CARD.equals(p.kind);
                    continue;
                }
                ProofSource source = c.sources().get(p.checkedBy);
                checked.add(p.name + "（" + source.name + "）");
                if (source.dataSharing) {
                    checkedItems.add(g.code);
                    checkedKinds.add(p.kind);
                }
            }
            if (onlyIdCard && !toBring.isEmpty()) {
                idCardOnly++;
            }
            items.add(new WithdrawalCard(g.code, s.name, s.nameEn, s.code, s.mode, category != null,
                    fill(List.of(s.conditions), category), limits(g, category), materials, checked, toBring,
                    c.outletIds().getOrDefault(s.code, List.of())));
        }
        return new WithdrawalChecklist(items, new Summary(checkedItems.size(), checkedKinds.size(), idCardOnly));
    }

    /** A withdrawal service's materials in the guide: what to bring, then what the centre checks itself. */
    private static List<String> withdrawalMaterials(Checklist c, WithdrawalGuide g) {
        List<String> bring = new ArrayList<>();
        List<String> spared = new ArrayList<>();
        for (WithdrawalGuideProof p : c.proofsOf(g.code)) {
            if (p.checkedBy == null) {
                bring.add(p.name);
            } else {
                spared.add(p.name + "（无需提供：" + c.sources().get(p.checkedBy).name + "核验）");
            }
        }
        bring.addAll(spared);
        return bring;
    }

    private static WithdrawalLimits limits(WithdrawalGuide g, Category c) {
        String summary = fill(g.limits, c);
        if (c == null) {
            return new WithdrawalLimits(summary, null, null, null, null, null, null, null, null, null, null, null);
        }
        return new WithdrawalLimits(summary, c.wholeBalance(), c.paysToLoan(), c.monthlyCapFen(),
                c.capAccrualMonths(), c.oncePerMonth(), c.closesAccount(), c.refusedWithLoan(),
                c.allowedStatuses().stream().sorted().map(Enum::name).toList(),
                c.condition() == Category.Condition.RETIREMENT_AGE ? c.conditionValue() : null,
                c.condition() == Category.Condition.SEALED_NO_DEPOSITS_ELSEWHERE ? c.conditionValue() : null,
                c.condition() == Category.Condition.PURCHASE_CONTRACT ? c.conditionValue() : null);
    }

    private static List<String> fill(List<String> texts, Category c) {
        return c == null ? texts : texts.stream().map(t -> fill(t, c)).toList();
    }

    /** The guide's placeholders, filled from the category's rules so that no figure is kept twice. */
    static String fill(String text, Category c) {
        if (c == null || text.indexOf('{') < 0) {
            return text;
        }
        Map<String, String> values = new HashMap<>();
        if (c.conditionValue() != null) {
            values.put("{conditionValue}", c.conditionValue().toString());
        }
        if (c.monthlyCapFen() != null) {
            values.put("{monthlyCap}", BigDecimal.valueOf(c.monthlyCapFen(), 2).toPlainString());
        }
        if (c.capAccrualMonths() != null) {
            values.put("{capAccrualMonths}", c.capAccrualMonths().toString());
        }
        String filled = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            filled = filled.replace(v.getKey(), v.getValue());
        }
        return filled;
    }
}
