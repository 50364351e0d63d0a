package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.redis.RedisReplies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The centre's daily payout budget in Redis, in front of its PostgreSQL backstop (payout_budget_shard, guarded
 * inside the admission statement). Sharded over the day's {@link BudgetTerms} (fixed in PostgreSQL by the first
 * replica that admits on the day, from {@code hpf.admission.daily-budget-fen} and {@code budget-shards}) so that no
 * key is hot; each shard holds its share; a reservation tries a random shard, then the others.
 *
 * <p>A shard is two keys in one slot: {@code used} (fen reserved) and {@code res}, the reservations still in
 * flight (withdrawal id → {@code amount|member|millis}), written before anything else of the admission so that a
 * crash at any later step leaves recovery something to find; an entry leaves when its admission commits
 * (confirmed) or is given back. Neither expires: an eviction policy cannot take them (old days are deleted).
 *
 * <p>Redis may lose or roll back any of this. It then errs one of two ways: counting less than PostgreSQL (the
 * statement refuses, nothing is over-paid, and the shard is repaired at once), or more (Redis would refuse early:
 * before answering DAILY_BUDGET_EXHAUSTED the shards are repaired against PostgreSQL and tried again). Every shard is
 * also repaired periodically: used := PostgreSQL's reserved + the reservations still in flight.
 *
 * <p>The door: once PostgreSQL has confirmed that no shard has room, the day gets a mark (one key, {@code
 * {b:<day>}:shut}: the terms, the largest room any shard has left, when it was confirmed), and a flood of requests
 * on the exhausted day is refused from it before any PostgreSQL access ({@link #shutAtDoor}). It never outlives
 * PostgreSQL's truth for long: every give-back this replica knows of (a released reservation, a FAILED payout's
 * amount, a repair that lowered a counter) bumps the day's generation and deletes the mark, a mark confirmed before
 * a give-back cannot be written after it (the write compares the generation read before the repairs), and a mark
 * older than a second is confirmed against PostgreSQL again (terms re-read) by the next request that meets it, so
 * what no replica is told of (an operator's change of the terms, a give-back whose Redis step was lost) counts
 * within a second, as it did before the door. Redis losing the mark only sends requests to PostgreSQL again.
 */
@ApplicationScoped
public class DailyBudget {

    private static final Logger LOG = Logger.getLogger(DailyBudget.class);
    /** How long one replica trusts a repair against PostgreSQL when Redis says every shard is full. */
    private static final long EXHAUSTION_CHECK_MILLIS = 1_000;
    /** How long a replica uses a day's terms before reading them again (an operator may have corrected them). */
    private static final long TERMS_REFRESH_NANOS = Duration.ofMinutes(1).toNanos();
    /**
     * A reservation older than this when its statement is about to be sent is stamped again: recovery judges it by
     * its stamp, and the steps between (a cold cache filled, a member reconciled) may have taken a while.
     */
    static final Duration RESTAMP_AFTER = Duration.ofSeconds(1);
    /** How long a replica that found no mark goes without looking again: a new mark's other replicas see it soon. */
    private static final long OPEN_FOR_NANOS = Duration.ofMillis(250).toNanos();
    /**
     * Only for tidiness: a mark older than a second is confirmed again before it refuses anything, so it may stay
     * while requests pause (a shorter expiry would send the next flood to PostgreSQL until a replica marks again).
     */
    private static final long MARK_EXPIRES_MILLIS = Duration.ofHours(1).toMillis();

    /** KEYS: mark, generation. ARGV: the generation read before the repairs, the mark, its expiry (ms). */
    static final LuaScript SHUT = new LuaScript("""
            if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """);

    /** KEYS: mark, generation. Budget came back: no mark confirmed before this may stand or be written. */
    static final LuaScript OPEN = new LuaScript("""
            redis.call('INCR', KEYS[2])
            redis.call('DEL', KEYS[1])
            return 1
            """);

    /** ARGV: id, amount, shard limit, member, millis. 1 reserved, 0 full, -1 no counter. */
    static final LuaScript RESERVE = new LuaScript("""
            local used = redis.call('GET', KEYS[1])
            if not used then return -1 end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 1 end
            if tonumber(used) + tonumber(ARGV[2]) > tonumber(ARGV[3]) then return 0 end
            redis.call('INCRBY', KEYS[1], ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[4] .. '|' .. ARGV[5])
            return 1
            """);

    /** ARGV: id, amount, member, millis. A reservation still in flight gets a fresh stamp; 0 when it is gone. */
    static final LuaScript RESTAMP = new LuaScript("""
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4])
            return 1
            """);

    /** A reservation that will never commit goes back. */
    static final LuaScript RELEASE = new LuaScript("""
            local r = redis.call('HGET', KEYS[2], ARGV[1])
            if not r then return 0 end
            redis.call('HDEL', KEYS[2], ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECRBY', KEYS[1], string.match(r, '^(%d+)')) end
            return 1
            """);

    /** A withdrawal that had committed (and so left {@code res}) and then FAILED gives its amount back. */
    static final LuaScript RETURN_AMOUNT = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local left = redis.call('DECRBY', KEYS[1], ARGV[1])
            if left < 0 then redis.call('SET', KEYS[1], 0) end
            return 1
            """);

    /**
     * ARGV: PostgreSQL's reserved fen, only-if-missing (1/0), then the ids PostgreSQL has decided (committed, or
     * too old to ever commit). Drops those from {@code res}; used := reserved + the reservations left in flight.
     * Answers {before, after}, before = -1 when there was no counter, or {-2, -2} when skipped (a counter exists).
     */
    static final LuaScript REPAIR = new LuaScript("""
            if ARGV[2] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return {-2, -2} end
            for i = 3, #ARGV do redis.call('HDEL', KEYS[2], ARGV[i]) end
            local pending = 0
            for _, r in ipairs(redis.call('HVALS', KEYS[2])) do
              pending = pending + tonumber(string.match(r, '^(%d+)') or '0')
            end
            local before = tonumber(redis.call('GET', KEYS[1]) or '-1')
            local after = tonumber(ARGV[1]) + pending
            redis.call('SET', KEYS[1], after)
            return {before, after}
            """);

    /** A reservation still in flight, as {@code res} holds it. */
    record Reservation(String field, UUID withdrawalId, long amountFen, long memberId, long atMillis) {
    }

    /** What a repair found: the counter before and after, and the reservations it dropped as dead. */
    record Repair(long before, long after, List<Reservation> dead) {
        boolean drifted() {
            return before >= 0 && before != after;
        }

        /** The counter went down (or was rebuilt after a loss): budget a mark may not know of. */
        boolean lowered() {
            return before == -1 || (before >= 0 && after < before);
        }
    }

    private final ReactiveRedisDataSource redis;
    private final BudgetRepository rows;
    private final AdmissionConfig config;
    private final Clock clock;
    private final Map<LocalDate, Long> exhaustionCheckedAt = new ConcurrentHashMap<>();
    private final Map<LocalDate, Fixed> terms = new ConcurrentHashMap<>();
    private final AtomicBoolean confirming = new AtomicBoolean();
    private final Counter refusedAtDoor;
    /** This replica found no mark for this day until then (System.nanoTime()). */
    private volatile Open open;

    private record Fixed(BudgetTerms terms, long readAtNanos) {
    }

    private record Open(LocalDate day, long untilNanos) {
    }

    /**
     * What PostgreSQL confirmed: the day's terms as it holds them, the largest room any shard has left (fen; each
     * shard's share minus its repaired counter: PostgreSQL's reserved plus the reservations in flight, which either
     * commit or are given back, bumping the generation), and the generation read before the repairs.
     */
    record Exhaustion(BudgetTerms terms, long largestRoomFen, long generation) {
        /** Whether no shard can take this amount, while some shard could take it on a day with room. */
        boolean refuses(long amountFen) {
            return amountFen > largestRoomFen && amountFen <= terms.largestShareFen();
        }
    }

    /** The mark as stored: {@code budgetFen|shards|largestRoomFen|confirmedAtMillis}; null when unreadable. */
    private record Mark(Exhaustion found, long confirmedAtMillis) {
        static Mark parse(LocalDate day, String value) {
            try {
                String[] p = value.split("\\|");
                return new Mark(new Exhaustion(new BudgetTerms(day, Long.parseLong(p[0]), Integer.parseInt(p[1])),
                        Long.parseLong(p[2]), -1), Long.parseLong(p[3]));
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    public DailyBudget(ReactiveRedisDataSource redis, BudgetRepository rows, AdmissionConfig config, Clock clock,
                       MeterRegistry metrics) {
        this.redis = redis;
        this.rows = rows;
        this.config = config;
        this.clock = clock;
        this.refusedAtDoor = Counter.builder("hpf.admission.refused.at.door")
                .description("Admissions refused DAILY_BUDGET_EXHAUSTED from the day's mark, before any PostgreSQL access")
                .register(metrics);
    }

    /** KEYS of the door scripts: the day's mark and its generation, in one slot of their own. */
    static List<String> doorKeys(LocalDate day) {
        String tag = "{b:" + day + "}";
        return List.of(tag + ":shut", tag + ":gen");
    }

    /**
     * The day's terms: read from PostgreSQL (fixed from this replica's configuration if nobody has yet), kept for a
     * minute. When PostgreSQL cannot be asked, terms read earlier are used.
     */
    public Uni<BudgetTerms> terms(LocalDate day) {
        Fixed known = terms.get(day);
        long now = System.nanoTime();
        if (known != null && now - known.readAtNanos() < TERMS_REFRESH_NANOS) {
            return Uni.createFrom().item(known.terms());
        }
        return rows.terms(day, config.dailyBudgetFen(), config.budgetShards())
                .invoke(fixed -> {
                    if (known == null && (fixed.budgetFen() != config.dailyBudgetFen()
                            || fixed.shards() != config.budgetShards())) {
                        LOG.infof("The payout budget of %s is %d fen over %d shard(s), as fixed in PostgreSQL; "
                                        + "this replica's configuration (%d fen over %d) applies from a later day", day,
                                fixed.budgetFen(), fixed.shards(), config.dailyBudgetFen(), config.budgetShards());
                    }
                    terms.put(day, new Fixed(fixed, now));
                    terms.keySet().removeIf(d -> d.isBefore(day.minusDays(2)));
                })
                .onFailure(e -> known != null).recoverWithItem(() -> known.terms());
    }

    /**
     * The day's terms if somebody fixed them, null otherwise; never fixes them. A day nobody fixed had no
     * reservation (every reservation fixes its day first), so there is nothing of it to repair, and a past day's
     * terms are not this replica's configuration to decide (the demo seed writes past days with terms of its own).
     */
    public Uni<BudgetTerms> termsIfFixed(LocalDate day) {
        Fixed known = terms.get(day);
        return known != null ? Uni.createFrom().item(known.terms()) : rows.read(day);
    }

    /**
     * A reservation lives on one shard, so no amount above the largest shard's share can ever be admitted: say so
     * (422 AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT) rather than a misleading "budget exhausted, retry tomorrow".
     */
    void requireWithinOneShard(BudgetTerms day, long amountFen) {
        long limit = day.largestShareFen();
        if (amountFen > limit) {
            throw Refusal.AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT.error(clock,
                    "One withdrawal can be at most " + limit + " fen; split it or ask the centre's counter.");
        }
    }

    /**
     * Reserves on some shard other than {@code except} (-1: any) and answers it; fails with 503
     * DAILY_BUDGET_EXHAUSTED only once PostgreSQL has confirmed that no shard has room, and then shuts the door.
     */
    Uni<Integer> reserve(BudgetTerms day, UUID withdrawalId, long amountFen, long memberId, int except) {
        int first = ThreadLocalRandom.current().nextInt(day.shards());
        return sweep(day, withdrawalId, amountFen, memberId, first, 0, except).chain(shard -> {
            if (shard >= 0) {
                return Uni.createFrom().item(shard);
            }
            return verifyExhausted(day).chain(confirmed -> confirmed == null
                    ? Uni.createFrom().<Integer>failure(Refusal.DAILY_BUDGET_EXHAUSTED.error(clock))
                    : sweep(confirmed.terms(), withdrawalId, amountFen, memberId,
                            first % confirmed.terms().shards(), 0, except).chain(again -> {
                        if (again >= 0) {
                            return Uni.createFrom().item(again);
                        }
                        return shut(confirmed).onFailure().recoverWithNull()
                                .chain(() -> Uni.createFrom().<Integer>failure(Refusal.DAILY_BUDGET_EXHAUSTED.error(clock)));
                    }));
        });
    }

    private Uni<Integer> sweep(BudgetTerms day, UUID id, long amountFen, long memberId, int first, int tried,
                               int except) {
        int shards = day.shards();
        if (tried == shards) {
            return Uni.createFrom().item(-1);
        }
        int shard = (first + tried) % shards;
        if (shard == except) {
            return sweep(day, id, amountFen, memberId, first, tried + 1, except);
        }
        return reserveOn(day, shard, id, amountFen, memberId, true).chain(ok -> ok
                ? Uni.createFrom().item(shard)
                : sweep(day, id, amountFen, memberId, first, tried + 1, except));
    }

    private Uni<Boolean> reserveOn(BudgetTerms day, int shard, UUID id, long amountFen, long memberId,
                                   boolean mayRebuild) {
        return RESERVE.run(redis, AdmissionKeys.budget(day.day(), shard), List.of(id.toString(),
                        Long.toString(amountFen), Long.toString(day.shardLimitFen(shard)), Long.toString(memberId),
                        Long.toString(clock.millis())))
                .chain(r -> {
                    long result = r.toLong();
                    if (result == -1 && mayRebuild) {
                        return repair(day.day(), shard, true)
                                .chain(() -> reserveOn(day, shard, id, amountFen, memberId, false));
                    }
                    return Uni.createFrom().item(result == 1);
                });
    }

    /**
     * Redis says no shard has room: confirm it against PostgreSQL (at most once a second per replica, so a flood of
     * requests on an exhausted day costs PostgreSQL nothing more); null when that was not done now.
     */
    private Uni<Exhaustion> verifyExhausted(BudgetTerms day) {
        long now = clock.millis();
        Long last = exhaustionCheckedAt.get(day.day());
        if (last != null && now - last < EXHAUSTION_CHECK_MILLIS) {
            return Uni.createFrom().nullItem();
        }
        exhaustionCheckedAt.put(day.day(), now);
        exhaustionCheckedAt.keySet().removeIf(d -> d.isBefore(day.day()));
        return confirm(day);
    }

    /**
     * Asks PostgreSQL: the day's terms read again (an operator may have changed them; this replica uses them from
     * now on), every shard repaired, and the largest room left. The generation is read first, so that a give-back
     * during the repairs keeps the answer from shutting the door.
     */
    private Uni<Exhaustion> confirm(BudgetTerms known) {
        LocalDate day = known.day();
        return rows.read(day).map(fresh -> {
                    if (fresh == null) {
                        return known;
                    }
                    terms.put(day, new Fixed(fresh, System.nanoTime()));
                    return fresh;
                })
                .chain(fresh -> redis.execute("GET", doorKeys(day).get(1))
                        .map(g -> g == null ? 0L : g.toLong())
                        .chain(generation -> {
                            Uni<Long> room = Uni.createFrom().item(Long.MIN_VALUE);
                            for (int s = 0; s < fresh.shards(); s++) {
                                int shard = s;
                                room = room.chain(largest -> repair(day, shard, false)
                                        .map(r -> Math.max(largest, fresh.shardLimitFen(shard) - r.after())));
                            }
                            return room.map(largest -> new Exhaustion(fresh, Math.max(0, largest), generation));
                        }));
    }

    /** Shuts the door on the day, unless budget came back since the generation was read. */
    private Uni<Void> shut(Exhaustion e) {
        BudgetTerms t = e.terms();
        String mark = t.budgetFen() + "|" + t.shards() + "|" + e.largestRoomFen() + "|" + clock.millis();
        open = null;
        return SHUT.run(redis, doorKeys(t.day()), List.of(Long.toString(e.generation()), mark,
                Long.toString(MARK_EXPIRES_MILLIS))).replaceWithVoid();
    }

    /** Budget came back on the day: the door opens (best effort; a mark missed here lives a second at most). */
    private Uni<Void> reopen(LocalDate day) {
        return OPEN.run(redis, doorKeys(day), List.of()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.debugf("Door of %s not reopened now: %s", day, e))
                .onFailure().recoverWithNull();
    }

    /**
     * The door, read before any PostgreSQL access: whether the day's mark refuses this amount. Only amounts no shard
     * has room for and that one shard's share could hold (a larger one is 422, answered the usual way). A mark
     * older than a second is confirmed against PostgreSQL first, by one request of this replica at a time (the
     * others go by the mark meanwhile). Redis failing: the door is open.
     */
    public Uni<Boolean> shutAtDoor(LocalDate day, long amountFen) {
        Open seen = open;
        long now = System.nanoTime();
        if (seen != null && seen.day().equals(day) && now - seen.untilNanos() < 0) {
            return Uni.createFrom().item(false);
        }
        return redis.execute("GET", doorKeys(day).get(0)).chain(r -> {
            Mark mark = r == null ? null : Mark.parse(day, r.toString());
            if (mark == null) {
                open = new Open(day, now + OPEN_FOR_NANOS);
                return Uni.createFrom().item(false);
            }
            if (!mark.found().refuses(amountFen)) {
                return Uni.createFrom().item(false);
            }
            long age = clock.millis() - mark.confirmedAtMillis();
            if ((age >= 0 && age < EXHAUSTION_CHECK_MILLIS) || !confirming.compareAndSet(false, true)) {
                return Uni.createFrom().item(true);
            }
            return confirm(mark.found().terms())
                    .call(e -> e.largestRoomFen() >= e.terms().largestShareFen()
                            ? redis.execute("DEL", doorKeys(day).get(0)).replaceWithVoid() : shut(e))
                    .map(e -> e.refuses(amountFen))
                    .eventually(() -> confirming.set(false));
        }).onFailure().recoverWithItem(false);
    }

    /** The 503 answered at the door, counted ({@code hpf_admission_refused_at_door_total}). */
    public ApiException refusedAtDoor() {
        refusedAtDoor.increment();
        return Refusal.DAILY_BUDGET_EXHAUSTED.error(clock);
    }

    /** The reservation went nowhere (refused, never written): give it back. Idempotent. */
    Uni<Void> release(LocalDate day, int shard, UUID withdrawalId) {
        return RELEASE.run(redis, AdmissionKeys.budget(day, shard), List.of(withdrawalId.toString()))
                .chain(r -> r.toLong() == 1 ? reopen(day) : Uni.createFrom().voidItem());
    }

    /** The admission is about to be sent to PostgreSQL: its reservation's age counts from now. */
    Uni<Void> restamp(LocalDate day, int shard, UUID withdrawalId, long amountFen, long memberId) {
        return RESTAMP.run(redis, AdmissionKeys.budget(day, shard), List.of(withdrawalId.toString(),
                Long.toString(amountFen), Long.toString(memberId), Long.toString(clock.millis()))).replaceWithVoid();
    }

    /** The admission committed: PostgreSQL's row holds the amount now, so the reservation is no longer in flight. */
    Uni<Void> confirm(LocalDate day, int shard, UUID withdrawalId) {
        return redis.execute("HDEL", AdmissionKeys.budget(day, shard).get(1), withdrawalId.toString()).replaceWithVoid();
    }

    /** A committed withdrawal FAILED: its amount is free again (PostgreSQL's row gave it back in the same step). */
    public Uni<Void> returnAmount(LocalDate day, int shard, long amountFen) {
        // PostgreSQL gave it back whatever Redis holds: the door opens even where the counter was gone.
        return RETURN_AMOUNT.run(redis, AdmissionKeys.budget(day, shard), List.of(Long.toString(amountFen)))
                .chain(() -> reopen(day));
    }

    /** The shard's counter, or null when Redis has none. */
    Uni<Long> counter(LocalDate day, int shard) {
        return redis.execute("GET", AdmissionKeys.budget(day, shard).get(0))
                .map(r -> r == null ? null : r.toLong());
    }

    /** The reservations of a shard still in flight. */
    Uni<List<Reservation>> inFlight(LocalDate day, int shard) {
        return redis.execute("HGETALL", AdmissionKeys.budget(day, shard).get(1)).map(r -> {
            List<Reservation> out = new ArrayList<>();
            if (r == null) {
                return out;
            }
            RedisReplies.forEachField(r, (field, value) -> out.add(reservation(field, value)));
            return out;
        });
    }

    /**
     * Sets the shard's counter from PostgreSQL: its reserved fen plus the reservations still in flight, dropping the
     * ones that committed and the ones too old to ever commit (older than hold-grace: the admission statement's
     * outcome is decided well within it). With {@code onlyIfMissing} only a lost counter is set (several replicas
     * may rebuild it at once; the first wins).
     */
    Uni<Repair> repair(LocalDate day, int shard, boolean onlyIfMissing) {
        long deadBefore = clock.millis() - config.holdGrace().toMillis();
        return inFlight(day, shard).chain(pending -> rows.shard(day, shard, pending.stream()
                        .map(Reservation::withdrawalId).filter(java.util.Objects::nonNull).toList())
                .chain(pg -> {
                    List<String> args = new ArrayList<>();
                    args.add(Long.toString(pg.reservedFen()));
                    args.add(onlyIfMissing ? "1" : "0");
                    List<Reservation> dead = new ArrayList<>();
                    for (Reservation r : pending) {
                        boolean committed = r.withdrawalId() != null && pg.committed().contains(r.withdrawalId());
                        if (committed) {
                            args.add(r.field());
                        } else if (r.atMillis() < deadBefore) {
                            args.add(r.field());
                            dead.add(r);
                        }
                    }
                    return REPAIR.run(redis, AdmissionKeys.budget(day, shard), args).map(out -> {
                        Repair repair = new Repair(out.get(0).toLong(), out.get(1).toLong(), dead);
                        if (repair.drifted()) {
                            LOG.warnf("Budget %s shard %d drifted from PostgreSQL: %d → %d fen", day, shard,
                                    repair.before(), repair.after());
                        }
                        return repair;
                    }).call(repair -> repair.lowered() ? reopen(day) : Uni.createFrom().voidItem());
                }));
    }

    private static Reservation reservation(String field, String value) {
        String[] p = value.split("\\|", -1);
        UUID id;
        try {
            id = UUID.fromString(field);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        try {
            return new Reservation(field, id, Long.parseLong(p[0]), p.length > 1 ? Long.parseLong(p[1]) : -1,
                    p.length > 2 ? Long.parseLong(p[2]) : 0);
        } catch (NumberFormatException e) {
            return new Reservation(field, id, 0, -1, 0);
        }
    }

    /** Deletes the keys of a day no admission can reserve on any more. */
    Uni<Void> forget(LocalDate day) {
        return rows.read(day).chain(fixed -> {
            int shards = Math.max(config.budgetShards(), fixed == null ? 0 : fixed.shards());
            // One DEL per shard: a shard's two keys share a slot, different shards need not.
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int s = 0; s < shards; s++) {
                List<String> shardKeys = AdmissionKeys.budget(day, s);
                chain = chain.chain(() -> redis.execute("DEL", shardKeys.toArray(String[]::new)).replaceWithVoid());
            }
            return chain.chain(() -> redis.execute("DEL", doorKeys(day).toArray(String[]::new)).replaceWithVoid());
        });
    }
}
