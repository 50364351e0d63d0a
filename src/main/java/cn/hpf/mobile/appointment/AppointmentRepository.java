package cn.hpf.mobile.appointment;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.idempotency.IdempotencyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The appointments' SQL, run through the Panache session of the caller's transaction (or session). Seats are
 * counted in {@code appointment_slot}: a booking takes one with a conditional UPDATE that holds the slot row's lock,
 * a cancellation gives it back; both in the transaction that writes the appointment. Locks are always taken in
 * the same order, appointment rows before slot rows, so that bookings, cancellations and closures never deadlock.
 */
@ApplicationScoped
public class AppointmentRepository {

    static final String OPERATION = "appointment";

    /** The outlet a member books at: what an appointment and its calendar entry show. */
    record BookableOutlet(String id, String name, String address) {
    }

    /** One row of the capacity table. */
    record Capacity(String service, int weekday, int capacityPerSlot) {
    }

    /** An appointment to write, with the idempotency record of the request that made it. */
    record Booking(Appointment appointment, int weekday, String idemKey, String requestHash, String body) {
    }

    private static final String OUTLET = "SELECT id, name, address FROM outlet WHERE id = :id";

    /**
     * Everything a day's slots and a booking are checked against, in one round trip: the outlet, whether it handles
     * the service, the capacity and opening periods (seconds of the day) that weekday, the closure, and for a
     * booking the seats taken in its slot and the member's bookings of the service. No row: no such outlet.
     */
    private static final String CONTEXT = """
            SELECT o.id, o.name, o.address,
                   EXISTS (SELECT 1 FROM outlet_service os WHERE os.outlet_id = o.id AND os.service_code = :service),
                   (SELECT c.capacity_per_slot FROM appointment_capacity c
                    WHERE c.outlet_id = o.id AND c.service_code = :service AND c.weekday = :weekday),
                   (SELECT string_agg(CAST(EXTRACT(EPOCH FROM h.opens) AS INT) || '-'
                                      || CAST(EXTRACT(EPOCH FROM h.closes) AS INT), ',' ORDER BY h.opens)
                    FROM outlet_hours h WHERE h.outlet_id = o.id AND h.weekday = :weekday),
                   (SELECT z.reason FROM outlet_closure z WHERE z.outlet_id = o.id AND z.day = :day),
                   (SELECT sl.booked FROM appointment_slot sl
                    WHERE sl.outlet_id = o.id AND sl.service_code = :service AND sl.starts_at = :start),
                   (SELECT a.outlet_id || ' ' || to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
                    FROM appointment a WHERE a.member_id = :member AND a.service_code = :service
                      AND a.status = 'BOOKED' AND a.ends_at > :now LIMIT 1),
                   EXISTS (SELECT 1 FROM appointment a WHERE a.member_id = :member AND a.service_code = :service
                             AND a.status = 'BOOKED' AND a.ends_at <= :now)
            FROM outlet o WHERE o.id = :outlet
            """;

    private static final String HANDLES = """
            SELECT count(*) FROM outlet_service WHERE outlet_id = :outlet AND service_code = :service
            """;

    private static final String CLOSURE = "SELECT reason FROM outlet_closure WHERE outlet_id = :outlet AND day = :day";

    /** The outlet's day for a service, as {@link #CONTEXT} reads it. */
    record OutletDay(BookableOutlet outlet, boolean handles, int capacity, List<SlotPlan.Period> periods,
                     String closureReason, int seatsTaken, String activeBooking, boolean elapsedBooking) {
    }

    private static final String SEATS_TAKEN = """
            SELECT CAST(EXTRACT(EPOCH FROM starts_at) * 1000 AS BIGINT), booked FROM appointment_slot
            WHERE outlet_id = :outlet AND service_code = :service AND starts_at >= :from AND starts_at < :to
            """;

    /**
     * Bookings and closures of one outlet's day exclude each other: a booking holds this lock shared while it checks
     * that the day is open and writes, a closure holds it exclusively while it cancels the day's bookings, so that no
     * booking lands on a day just closed. Transaction-scoped: released at commit or rollback.
     */
    private static final String LOCK_DAY_SHARED =
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended(:key, 0))) locked";
    private static final String LOCK_DAY =
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) locked";

    /** The member's bookings whose time has passed no longer count as active (the partial unique index). */
    private static final String MARK_PAST = """
            UPDATE appointment SET status = 'PAST'
            WHERE member_id = :member AND service_code = :service AND status = 'BOOKED' AND ends_at <= :now
            """;

    /** The slot's seat row (created on its first booking) and the appointment, which refers to it. */
    private static final String INSERT = """
            WITH slot AS (
                INSERT INTO appointment_slot (outlet_id, service_code, starts_at) VALUES (:outlet, :service, :start)
                ON CONFLICT DO NOTHING
            )
            INSERT INTO appointment (id, member_id, outlet_id, service_code, starts_at, ends_at, status, created_at)
            VALUES (:id, :member, :outlet, :service, :start, :end, 'BOOKED', :createdAt)
            """;

    /**
     * Takes a seat if one is left and stores the request's answer, in one statement. Concurrent bookings of the
     * slot wait for the row lock here; each then re-reads the row as the previous one committed it, so the count
     * never passes the capacity, whatever the number of replicas. A lowered capacity keeps the seats already taken.
     * The capacity row is read under a share lock before the slot's row lock is waited for: an operator's change
     * waits for the bookings in flight, and a booking that waited sees the capacity then in force, never the one
     * its statement started with.
     */
    private static final String TAKE_SEAT = """
            WITH capacity AS (
                SELECT c.capacity_per_slot FROM appointment_capacity c
                WHERE c.outlet_id = :outlet AND c.service_code = :service AND c.weekday = :weekday
                FOR SHARE
            ), seat AS (
                UPDATE appointment_slot s SET booked = s.booked + 1
                WHERE s.outlet_id = :outlet AND s.service_code = :service AND s.starts_at = :start
                  AND s.booked < (SELECT capacity_per_slot FROM capacity)
                RETURNING s.booked
            ), idem AS (
                %s
                RETURNING 1
            )
            SELECT count(*) FROM idem
            """.formatted(IdempotencyRepository.insertFrom("seat", ":member", "'" + OPERATION + "'", ":idemKey",
            ":requestHash", "201", ":body", ":id"));

    private static final String GIVE_BACK_SEAT = """
            UPDATE appointment_slot SET booked = booked - 1
            WHERE outlet_id = :outlet AND service_code = :service AND starts_at = :start
            """;

    private static final String CLOSE_DAY = """
            INSERT INTO outlet_closure (outlet_id, day, reason, closed_by) VALUES (:outlet, :day, :reason, :by)
            ON CONFLICT DO NOTHING
            """;

    /** The day's bookings not yet started are cancelled; those already under way or past are history. */
    private static final String CANCEL_DAY = """
            UPDATE appointment SET status = 'CANCELLED_BY_CENTRE', cancel_reason = :reason, cancelled_at = :now
            WHERE outlet_id = :outlet AND status = 'BOOKED' AND starts_at >= :from AND starts_at < :to
              AND starts_at > :now
            """;

    /** Seats recounted from the appointments after a closure (the slot rows are locked after the appointments). */
    private static final String RECOUNT_DAY = """
            UPDATE appointment_slot s SET booked = (
                SELECT count(*) FROM appointment a
                WHERE a.outlet_id = s.outlet_id AND a.service_code = s.service_code AND a.starts_at = s.starts_at
                  AND a.status IN ('BOOKED', 'PAST'))
            WHERE s.outlet_id = :outlet AND s.starts_at >= :from AND s.starts_at < :to
            """;

    private static final String SET_CAPACITY = """
            INSERT INTO appointment_capacity (outlet_id, service_code, weekday, capacity_per_slot)
            VALUES (:outlet, :service, :weekday, :capacity)
            ON CONFLICT (outlet_id, service_code, weekday)
            DO UPDATE SET capacity_per_slot = EXCLUDED.capacity_per_slot, updated_at = now()
            WHERE appointment_capacity.capacity_per_slot <> EXCLUDED.capacity_per_slot
            """;

    /**
     * An operator's appointment action, audited by a statement of the action's transaction: the action spans several
     * statements (one per capacity row; the closure, its cancellations and the recount), so the row commits with
     * all of them or none.
     */
    private static final String AUDIT_OPS = """
            WITH one AS (SELECT 1)%s
            SELECT 1
            """.formatted(AuditRepository.appendAction(":action").from("one")
            .by(":actor", "'OPS'", "NULL", "nullif(:client, '')")
            .target(":target").result(":result").reason("nullif(:reason, '')").changed(":changed").cte());

    private static final String CAPACITIES = """
            SELECT service_code, CAST(weekday AS INT), capacity_per_slot FROM appointment_capacity
            WHERE outlet_id = :outlet ORDER BY service_code, weekday
            """;

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    Uni<BookableOutlet> outlet(String id) {
        return session().chain(s -> s.<Object[]>createNativeQuery(OUTLET, Object[].class).setParameter("id", id)
                .getSingleResultOrNull()).map(r -> r == null ? null
                : new BookableOutlet((String) r[0], (String) r[1], (String) r[2]));
    }

    /**
     * The outlet's day for the service; null when there is no such outlet. {@code start} and {@code memberId} (0
     * for none) add what a booking needs: the seats taken in its slot and the member's bookings of the service.
     */
    Uni<OutletDay> outletDay(String outletId, String service, LocalDate day, Instant start, long memberId,
                             Instant now) {
        return session().chain(s -> s.<Object[]>createNativeQuery(CONTEXT, Object[].class)
                        .setParameter("outlet", outletId).setParameter("service", service)
                        .setParameter("weekday", (short) day.getDayOfWeek().getValue()).setParameter("day", day)
                        .setParameter("start", utc(start == null ? now : start)).setParameter("member", memberId)
                        .setParameter("now", utc(now)).getSingleResultOrNull())
                .map(r -> r == null ? null : new OutletDay(
                        new BookableOutlet((String) r[0], (String) r[1], (String) r[2]), (Boolean) r[3],
                        r[4] == null ? 0 : ((Number) r[4]).intValue(), periods((String) r[5]), (String) r[6],
                        r[7] == null ? 0 : ((Number) r[7]).intValue(), (String) r[8], (Boolean) r[9]));
    }

    /** "30600-43200,48600-61200": opening periods in seconds of the day. */
    private static List<SlotPlan.Period> periods(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(p -> p.split("-"))
                .map(p -> new SlotPlan.Period(LocalTime.ofSecondOfDay(Long.parseLong(p[0])),
                        LocalTime.ofSecondOfDay(Long.parseLong(p[1])))).toList();
    }

    Uni<Boolean> handles(String outletId, String service) {
        return session().chain(s -> s.createNativeQuery(HANDLES, Long.class).setParameter("outlet", outletId)
                .setParameter("service", service).getSingleResult()).map(n -> n > 0);
    }

    /** Why the outlet is closed that day, or null when it is not. */
    Uni<String> closureReason(String outletId, LocalDate day) {
        return session().chain(s -> s.createNativeQuery(CLOSURE, String.class).setParameter("outlet", outletId)
                .setParameter("day", day).getSingleResultOrNull());
    }

    /** Seats taken per slot start in [from, to). */
    Uni<Map<Instant, Integer>> seatsTaken(String outletId, String service, Instant from, Instant to) {
        return session().chain(s -> s.<Object[]>createNativeQuery(SEATS_TAKEN, Object[].class)
                .setParameter("outlet", outletId).setParameter("service", service)
                .setParameter("from", utc(from)).setParameter("to", utc(to)).getResultList())
                .map(rows -> {
                    Map<Instant, Integer> taken = new HashMap<>();
                    rows.forEach(r -> taken.put(Instant.ofEpochMilli(((Number) r[0]).longValue()),
                            ((Number) r[1]).intValue()));
                    return taken;
                });
    }

    Uni<Void> lockDayShared(String outletId, LocalDate day) {
        return lock(LOCK_DAY_SHARED, outletId, day);
    }

    Uni<Void> lockDay(String outletId, LocalDate day) {
        return lock(LOCK_DAY, outletId, day);
    }

    private static Uni<Void> lock(String sql, String outletId, LocalDate day) {
        return session().chain(s -> s.createNativeQuery(sql, Integer.class)
                .setParameter("key", "appointment-day:" + outletId + ":" + day).getSingleResult()).replaceWithVoid();
    }

    Uni<Integer> markPast(long memberId, String service, Instant now) {
        return session().chain(s -> s.createNativeQuery(MARK_PAST).setParameter("member", memberId)
                .setParameter("service", service).setParameter("now", utc(now)).executeUpdate());
    }

    /**
     * Writes the appointment and takes its seat; false when the slot is full (the caller then rolls back). The
     * partial unique index refuses a second active booking of the service (a concurrent request won).
     */
    Uni<Boolean> book(Booking b) {
        Appointment a = b.appointment();
        return session().chain(s -> s.createNativeQuery(INSERT).setParameter("id", a.id)
                        .setParameter("member", a.memberId).setParameter("outlet", a.outletId)
                        .setParameter("service", a.serviceCode).setParameter("start", utc(a.startsAt))
                        .setParameter("end", utc(a.endsAt)).setParameter("createdAt", utc(a.createdAt))
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery(TAKE_SEAT, Long.class)
                                .setParameter("outlet", a.outletId).setParameter("service", a.serviceCode)
                                .setParameter("start", utc(a.startsAt)).setParameter("weekday", (short) b.weekday())
                                .setParameter("member", a.memberId).setParameter("idemKey", b.idemKey())
                                .setParameter("requestHash", b.requestHash()).setParameter("body", b.body())
                                .setParameter("id", a.id.toString()).getSingleResult()))
                .map(n -> n == 1);
    }

    /** The member's appointment, locked against a concurrent cancellation or closure; null when not theirs. */
    Uni<Appointment> lockOwn(UUID id, long memberId) {
        return Appointment.<Appointment>find("id = ?1 and memberId = ?2", id, memberId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    Uni<Integer> giveBackSeat(Appointment a) {
        return session().chain(s -> s.createNativeQuery(GIVE_BACK_SEAT).setParameter("outlet", a.outletId)
                .setParameter("service", a.serviceCode).setParameter("start", utc(a.startsAt)).executeUpdate());
    }

    /** Records the closure; false when the outlet was already closed that day. */
    Uni<Boolean> close(String outletId, LocalDate day, String reason, String by) {
        return session().chain(s -> s.createNativeQuery(CLOSE_DAY).setParameter("outlet", outletId)
                .setParameter("day", day).setParameter("reason", reason).setParameter("by", by).executeUpdate())
                .map(n -> n == 1);
    }

    /** Cancels the day's bookings still ahead and frees their seats; answers how many were cancelled. */
    Uni<Integer> cancelDay(String outletId, Instant from, Instant to, String reason, Instant now) {
        return session().chain(s -> s.createNativeQuery(CANCEL_DAY).setParameter("outlet", outletId)
                .setParameter("reason", reason).setParameter("now", utc(now)).setParameter("from", utc(from))
                .setParameter("to", utc(to)).executeUpdate()
                .call(() -> s.createNativeQuery(RECOUNT_DAY).setParameter("outlet", outletId)
                        .setParameter("from", utc(from)).setParameter("to", utc(to)).executeUpdate()));
    }

    /** Appends the operator's audit row in the session's transaction (no reason, no address: empty strings). */
    Uni<Void> audit(String action, Operator by, String target, String result, String reason, boolean changed) {
        return session().chain(s -> s.createNativeQuery(AUDIT_OPS, Integer.class).setParameter("action", action)
                .setParameter("actor", by.subject())
                .setParameter("client", by.clientAddress() == null ? "" : by.clientAddress())
                .setParameter("target", target).setParameter("result", result)
                .setParameter("reason", reason == null ? "" : reason)
                .setParameter("changed", changed).getSingleResult()).replaceWithVoid();
    }

    /** Sets one capacity row; false when it already was that. */
    Uni<Boolean> setCapacity(String outletId, Capacity c) {
        return session().chain(s -> s.createNativeQuery(SET_CAPACITY).setParameter("outlet", outletId)
                .setParameter("service", c.service()).setParameter("weekday", (short) c.weekday())
                .setParameter("capacity", c.capacityPerSlot()).executeUpdate()).map(n -> n > 0);
    }

    Uni<List<Capacity>> capacities(String outletId) {
        return session().chain(s -> s.<Object[]>createNativeQuery(CAPACITIES, Object[].class)
                .setParameter("outlet", outletId).getResultList())
                .map(rows -> rows.stream().map(r -> new Capacity((String) r[0], ((Number) r[1]).intValue(),
                        ((Number) r[2]).intValue())).toList());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
