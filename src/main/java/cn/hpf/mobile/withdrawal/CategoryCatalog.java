package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Category rules, read on every withdrawal: loaded from PostgreSQL and kept in memory for a short while
 * ({@code hpf.admission.category-refresh}), so an edited rule takes effect within seconds without a query per request.
 */
@ApplicationScoped
public class CategoryCatalog {

    private final Uni<Map<String, Category>> cached;

    public CategoryCatalog(Pool db, AdmissionConfig config) {
        this.cached = Uni.createFrom().deferred(() -> db.query("SELECT code, name_zh, name_en, allowed_statuses, "
                                + "whole_balance, payee_type, condition, condition_value, refused_with_loan, monthly_cap_fen, "
                                + "cap_accrual_months, once_per_month FROM withdrawal_category WHERE enabled ORDER BY sort_order")
                        .execute()
                        .map(rows -> {
                            Map<String, Category> byCode = new LinkedHashMap<>();
                            rows.forEach(r -> byCode.put(r.getString(0), category(r)));
                            return Map.copyOf(byCode);
                        }))
                .memoize().atLeast(config.categoryRefresh());
    }

    public Uni<Map<String, Category>> all() {
        return cached;
    }

    /** The enabled category with this code, or 400 naming the field. */
    public Uni<Category> require(String code) {
        return cached.map(all -> {
            Category c = code == null ? null : all.get(code);
            if (c == null) {
                throw ApiException.invalidField("category", "category must be one of " + all.keySet() + ".");
            }
            return c;
        });
    }

    private static Category category(Row r) {
        Set<AccountStatus> statuses = Arrays.stream(r.getArrayOfStrings(3)).map(AccountStatus::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AccountStatus.class)));
        return new Category(r.getString(0), r.getString(1), r.getString(2), statuses, r.getBoolean(4),
                Category.PayeeType.valueOf(r.getString(5)), Category.Condition.valueOf(r.getString(6)),
                r.getInteger(7), r.getBoolean(8), r.getLong(9), r.getInteger(10), r.getBoolean(11));
    }
}
