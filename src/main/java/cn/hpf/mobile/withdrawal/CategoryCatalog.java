package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Category rules, read on every withdrawal: loaded from PostgreSQL and kept in memory for a short while
 * ({@code hpf.admission.category-refresh}), so an edited rule takes effect within seconds without a query per request.
 */
@ApplicationScoped
public class CategoryCatalog {

    private final Uni<Map<String, Category>> cached;

    public CategoryCatalog(CategoryRepository categories, AdmissionConfig config) {
        this.cached = Uni.createFrom().deferred(categories::enabled).memoize().atLeast(config.categoryRefresh());
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
}
