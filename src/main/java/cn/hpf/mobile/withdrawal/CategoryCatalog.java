package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Category rules, read on every withdrawal: loaded from PostgreSQL and kept in memory for a short while
 * ({@code hpf.admission.category-refresh}), so an edited rule takes effect within seconds without a query per request.
 * <p>
 * What is kept is the loaded value, never a shared Uni: a shared one completes on the Vert.x context of the request
 * that happened to load it, and every request subscribed meanwhile would go on there (a Hibernate Reactive session
 * opened next would then be bound to another request's context). Each answer here is emitted on its subscriber's own
 * context: from memory, or from a read that subscriber made itself.
 */
@ApplicationScoped
public class CategoryCatalog {

    private final CategoryRepository categories;
    private final long refreshNanos;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record Loaded(Map<String, Category> rules, long readAt) {
    }

    public CategoryCatalog(CategoryRepository categories, AdmissionConfig config) {
        this.categories = categories;
        this.refreshNanos = config.categoryRefresh().toNanos();
    }

    /**
     * The enabled categories by code. Once they are older than the refresh, one request reads them again while the
     * others go on with the rules it replaces; before the first load completes, every request reads them itself
     * (only at start, and a read is one small query).
     */
    public Uni<Map<String, Category>> all() {
        return Uni.createFrom().deferred(() -> {
            Loaded current = loaded.get();
            if (current == null) {
                return load();
            }
            if (System.nanoTime() - current.readAt() < refreshNanos || !refreshing.compareAndSet(false, true)) {
                return Uni.createFrom().item(current.rules());
            }
            return load().onTermination().invoke(() -> refreshing.set(false));
        });
    }

    /** The enabled category with this code, or 400 naming the field. */
    public Uni<Category> require(String code) {
        return all().map(all -> {
            Category c = code == null ? null : all.get(code);
            if (c == null) {
                throw ApiException.invalidField("category", "category must be one of " + all.keySet() + ".");
            }
            return c;
        });
    }

    private Uni<Map<String, Category>> load() {
        long readAt = System.nanoTime();
        return categories.enabled().invoke(rules -> loaded.accumulateAndGet(new Loaded(rules, readAt),
                // Concurrent first loads: the newest read wins, whichever finishes last.
                (kept, read) -> kept == null || read.readAt() - kept.readAt() >= 0 ? read : kept));
    }
}
