package cn.hpf.mobile.outlet;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The banks for a caller: by role, each with its nearest branch and its branches nearest first. */
@ApplicationScoped
public class BankDirectory {

    private final BankRepository banks;

    public BankDirectory(BankRepository banks) {
        this.banks = banks;
    }

    /** The banks with {@code role} (all when null), at most {@code perBank} branches each, in the statement's order. */
    @WithSession
    public Uni<BankList> find(GeoPoint here, BankRole role, int perBank) {
        return banks.ranked(here, role, perBank).chain(ranked -> {
            List<String> codes = ranked.stream().map(RankedBranch::bankCode).distinct().toList();
            List<String> ids = ranked.stream().map(RankedBranch::branchId).filter(Objects::nonNull).toList();
            return banks.banks(codes).chain(found -> banks.branches(ids)
                    .map(branches -> list(ranked, found, branches, here != null)));
        });
    }

    private static BankList list(List<RankedBranch> ranked, List<Bank> found, List<BankBranch> branches,
                                 boolean located) {
        Map<String, Bank> bankByCode = found.stream().collect(Collectors.toMap(b -> b.code, Function.identity()));
        Map<String, BankBranch> branchById = branches.stream()
                .collect(Collectors.toMap(b -> b.id, Function.identity()));
        // The statement's order: a bank's rows are consecutive, banks and branches already in their order.
        Map<String, List<BranchView>> byBank = new LinkedHashMap<>();
        for (RankedBranch row : ranked) {
            List<BranchView> views = byBank.computeIfAbsent(row.bankCode(), code -> new ArrayList<>());
            if (row.branchId() != null) {
                views.add(view(branchById.get(row.branchId()), row.distanceMetres()));
            }
        }
        return new BankList(byBank.entrySet().stream().map(e -> {
            Bank bank = bankByCode.get(e.getKey());
            List<BranchView> views = e.getValue();
            return new BankView(bank.code, bank.name, bank.roles.stream().sorted().toList(),
                    located && !views.isEmpty() ? views.get(0) : null, views);
        }).toList());
    }

    private static BranchView view(BankBranch b, Double distanceMetres) {
        return new BranchView(b.id, b.name, b.address, b.lat, b.lng,
                distanceMetres == null ? null : Math.round(distanceMetres));
    }
}
