package cn.hpf.mobile.account;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads accounts from Redis, refilling from PostgreSQL (the truth) on a miss. */
@ApplicationScoped
public class AccountService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final AccountCache cache;

    public AccountService(AccountRepository accounts, AccountCache cache) {
        this.accounts = accounts;
        this.cache = cache;
    }

    public Uni<AccountCache.CachedAccount> current(long memberId) {
        return cache.get(memberId)
                .onItem().ifNull().switchTo(() -> refill(memberId))
                .onFailure(e -> !(e instanceof ApiException)).recoverWithUni(e -> fromDatabase(memberId, e));
    }

    /**
     * Redis unreachable: read the truth directly. Holds admitted in Redis but not yet in PostgreSQL are invisible
     * here, which is harmless: admission itself cannot run without Redis (or runs on PostgreSQL alone).
     */
    private Uni<AccountCache.CachedAccount> fromDatabase(long memberId, Throwable redisFailure) {
        LOG.warnf("Account %d read from PostgreSQL: Redis failed (%s)", memberId, redisFailure.getMessage());
        return find(memberId).map(s -> new AccountCache.CachedAccount(s, 0));
    }

    /** Loads the row and offers it to Redis; a newer copy already there wins and is returned instead. */
    public Uni<AccountCache.CachedAccount> refill(long memberId) {
        return find(memberId)
                .call(cache::putIfNewer)
                .chain(s -> cache.get(memberId).onItem().ifNull().continueWith(() -> new AccountCache.CachedAccount(s, 0)));
    }

    private Uni<AccountSnapshot> find(long memberId) {
        return accounts.find(memberId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "No HPF account."));
    }

    /** After a PostgreSQL write: publish the new version so that readers see it at once. */
    public Uni<Void> publish(AccountSnapshot snapshot) {
        return cache.putIfNewer(snapshot).replaceWithVoid();
    }
}
