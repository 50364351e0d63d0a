package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountStatus;
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

/** The enabled withdrawal categories and their rules, from {@code withdrawal_category}. */
@ApplicationScoped
public class CategoryRepository {

    private static final String ENABLED = """
            SELECT code, name_zh, name_en, allowed_statuses, whole_balance, payee_type, condition, condition_value,
                   refused_with_loan, monthly_cap_fen, cap_accrual_months, once_per_month, closes_account
            FROM withdrawal_category WHERE enabled ORDER BY sort_order
            """;

    private final Pool db;

    public CategoryRepository(Pool db) {
        this.db = db;
    }

    Uni<Map<String, Category>> enabled() {
        return db.query(ENABLED).execute().map(rows -> {
            Map<String, Category> byCode = new LinkedHashMap<>();
            rows.forEach(r -> byCode.put(r.getString("code"), category(r)));
            return Map.copyOf(byCode);
        });
    }

    private static Category category(Row r) {
        Set<AccountStatus> statuses = Arrays.stream(r.getArrayOfStrings("allowed_statuses")).map(AccountStatus::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AccountStatus.class)));
        return new Category(r.getString("code"), r.getString("name_zh"), r.getString("name_en"), statuses,
                r.getBoolean("whole_balance"), Category.PayeeType.valueOf(r.getString("payee_type")),
                Category.Condition.valueOf(r.getString("condition")), r.getInteger("condition_value"),
                r.getBoolean("refused_with_loan"), r.getLong("monthly_cap_fen"), r.getInteger("cap_accrual_months"),
                r.getBoolean("once_per_month"), r.getBoolean("closes_account"));
    }
}
