package cn.hpf.mobile.account;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads accounts from Redis, refilling from PostgreSQL (the truth) on a miss. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final AccountCache cache;

    public AccountService(AccountRepository accounts, AccountCache cache) {
        this.accounts = accounts;
        this.cache = cache;
    }

    public Uni<AccountCache.CachedAccount> current(long memberId) {
        return cache.get(memberId).onItem().ifNull().switchTo(() -> refill(memberId));
    }

    /** Loads the row and offers it to Redis; a newer copy already there wins and is returned instead. */
    public Uni<AccountCache.CachedAccount> refill(long memberId) {
        return accounts.find(memberId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "No HPF account."))
                .call(cache::putIfNewer)
                .chain(s -> cache.get(memberId).onItem().ifNull().continueWith(() -> new AccountCache.CachedAccount(s, 0)));
    }

    /** After a PostgreSQL write: publish the new version so that readers see it at once. */
    public Uni<Void> publish(AccountSnapshot snapshot) {
        return cache.putIfNewer(snapshot).replaceWithVoid();
    }
}
