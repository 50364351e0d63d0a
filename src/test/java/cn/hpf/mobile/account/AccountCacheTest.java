package cn.hpf.mobile.account;

import static cn.hpf.mobile.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis copy of an account is exact after every write and rebuilt after a flush; refills never go back in time. */
@QuarkusTest
class AccountCacheTest {

    private static long MEMBER;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RedisTestClient redis;
    @Inject
    AccountRepository accounts;
    @Inject
    AccountCache cache;
    @Inject
    AccountService service;
    @Inject
    LedgerRepository ledger;

    static String memberNo;

    @BeforeAll
    static void ownMember() {
        Fixtures.Member m = Fixtures.member().withHistory().create();
        MEMBER = m.id();
        memberNo = m.memberNo();
    }

    private long ledgerSum() {
        return Db.queryLong("SELECT sum(amount_fen) FROM ledger_entry WHERE member_id = " + MEMBER);
    }

    @Test
    void aFlushedRedisRefillsFromPostgres() {
        as(memberNo).get("/v1/me/account").then().statusCode(200);
        redis.flushDb();
        assertThat(redis.exists(RedisKeys.account(MEMBER))).isFalse();
        as(memberNo).get("/v1/me/account").then().statusCode(200)
                .body("balanceFen", equalTo((int) ledgerSum()))
                .body("availableFen", equalTo((int) ledgerSum()));
        assertThat(redis.exists(RedisKeys.account(MEMBER))).isTrue();
    }

    @Test
    void theCachedCopyReadsBackExactlyWhatPostgresHolds() {
        AccountSnapshot truth = accounts.find(MEMBER).await().atMost(WAIT);
        AccountSnapshot withoutDeposits = new AccountSnapshot(truth.memberId(), truth.name(), truth.maskedIdNumber(),
                truth.status(), truth.statusSince(), truth.balanceFen(), truth.heldFen(), truth.depositBaseFen(),
                truth.employerRate(), truth.memberRate(), null, truth.version() + 1);
        for (AccountSnapshot s : java.util.List.of(truth, withoutDeposits)) {
            redis.flushDb();
            assertThat(cache.putIfNewer(s).await().atMost(WAIT)).isTrue();
            AccountCache.CachedAccount cached = cache.get(MEMBER).await().atMost(WAIT);
            assertThat(cached.snapshot()).isEqualTo(s);
            assertThat(cached.pendingFen()).isZero();
        }
        assertThat(AccountCache.isoDate("2024-02-29")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        assertThat(AccountCache.isoDate("+10000-01-01")).isEqualTo(java.time.LocalDate.of(10000, 1, 1));
    }

    @Test
    void aLedgerWriteIsVisibleAtOnce() {
        as(memberNo).get("/v1/me/account").then().statusCode(200);
        AccountSnapshot after = ledger.post(MEMBER, EntryType.SUPPLEMENTARY_DEPOSIT, 12_345, "补缴 test", null,
                Caller.system("test")).call(service::publish).await().atMost(WAIT);
        assertThat(after.balanceFen()).isEqualTo(ledgerSum());
        as(memberNo).get("/v1/me/account").then().statusCode(200)
                .body("balanceFen", equalTo((int) after.balanceFen()));
    }

    @Test
    void aStaleRefillNeverOverwritesANewerWrite() {
        AccountSnapshot old = accounts.find(MEMBER).await().atMost(WAIT);
        AccountSnapshot newer = ledger.post(MEMBER, EntryType.SUPPLEMENTARY_DEPOSIT, 500, "补缴 test", null,
                Caller.system("test")).await().atMost(WAIT);
        assertThat(cache.putIfNewer(newer).await().atMost(WAIT)).isTrue();
        // A refill that read the row before the write arrives late: it must lose.
        assertThat(cache.putIfNewer(old).await().atMost(WAIT)).isFalse();
        assertThat(redis.hget(RedisKeys.account(MEMBER), "bal")).isEqualTo(Long.toString(newer.balanceFen()));
        assertThat(redis.hget(RedisKeys.account(MEMBER), "v")).isEqualTo(Long.toString(newer.version()));
    }

    @Test
    void theLedgerRefusesToGoBelowZero() {
        long balance = accounts.find(MEMBER).await().atMost(WAIT).balanceFen();
        AccountSnapshot refused = ledger.post(MEMBER, EntryType.LOAN_AUTO_TRANSFER, -(balance + 1), "按月转账 test",
                null, Caller.system("test")).await().atMost(WAIT);
        assertThat(refused).isNull();
        assertThat(ledgerSum()).isEqualTo(balance);
    }

    @Test
    void aPostingWithTheSameReferenceHappensOnce() {
        ledger.post(MEMBER, EntryType.INTEREST, 100, "结息 test", "interest:" + MEMBER + ":test", Caller.system("test"))
                .await().atMost(WAIT);
        long before = ledgerSum();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.post(MEMBER, EntryType.INTEREST, 100,
                "结息 test", "interest:" + MEMBER + ":test", Caller.system("test")).await().atMost(WAIT));
        assertThat(ledgerSum()).isEqualTo(before);
    }

    @Test
    void theLedgerIsAppendOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                Db.exec("UPDATE ledger_entry SET amount_fen = amount_fen + 1 WHERE member_id = " + MEMBER))
                .hasStackTraceContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                Db.exec("DELETE FROM ledger_entry WHERE member_id = " + MEMBER))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void theDatabaseRefusesANegativeBalance() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                Db.exec("UPDATE account SET balance_fen = -1 WHERE member_id = " + MEMBER));
    }
}
