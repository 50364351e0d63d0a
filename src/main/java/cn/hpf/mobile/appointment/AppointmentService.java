package cn.hpf.mobile.appointment;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.guide.HallService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * 预约受理: the slots of an outlet's day, booking one (idempotent, never beyond the capacity), the member's bookings,
 * cancelling, and the calendar entry. Reads run in a Panache session, writes in one transaction each.
 */
@ApplicationScoped
public class AppointmentService {

    private final AppointmentRepository repository;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Clock clock;
    private final AppointmentConfig config;

    public AppointmentService(AppointmentRepository repository, Idempotency idempotency, ObjectMapper json,
                              Clock clock, AppointmentConfig config) {
        this.repository = repository;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** What a booking is for: the outlet, the service, and that the outlet handles it. */
    record Target(AppointmentRepository.BookableOutlet outlet, HallService service) {
    }

    @WithSession
    public Uni<SlotList> slots(String outletId, String serviceCode, LocalDate day) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, Zones.SHANGHAI);
        if (day.isBefore(today) || day.isAfter(lastBookableDay(today))) {
            throw ApiException.invalidField("date", "date must be between " + today + " and "
                    + lastBookableDay(today) + ": appointments open " + config.daysAhead() + " days ahead.");
        }
        return bookableService(serviceCode)
                .chain(service -> repository.outletDay(outletId, serviceCode, day, null, 0, now).chain(d -> {
                    handled(d, outletId, service, "service");
                    List<SlotPlan.Bounds> plan = d.closureReason() != null || d.capacity() == 0 ? List.of()
                            : SlotPlan.of(day, d.periods()).stream().filter(b -> b.start().isAfter(now)).toList();
                    if (plan.isEmpty()) {
                        return Uni.createFrom().item(new SlotList(List.of()));
                    }
                    return repository.seatsTaken(outletId, serviceCode, plan.get(0).start(),
                                    plan.get(plan.size() - 1).end())
                            .map(taken -> new SlotList(plan.stream().map(b -> new Slot(
                                    AppointmentView.local(b.start()), AppointmentView.local(b.end()), d.capacity(),
                                    Math.max(0, d.capacity() - taken.getOrDefault(b.start(), 0)))).toList()));
                }));
    }

    /**
     * Books a slot exactly once per Idempotency-Key. The answer is stored with the seat in one statement; a retry
     * with the same body gets it again, with another body 422 IDEMPOTENCY_KEY_REUSED.
     */
    public Uni<Response> book(long memberId, String rawKey, AppointmentRequest req) {
        String key = Idempotency.requireKey(rawKey);
        validate(req);
        Instant start = req.slotStart().toInstant();
        String hash = Idempotency.fingerprint(req.outletId(), req.service(), start);
        return idempotency.execute(memberId, AppointmentRepository.OPERATION, key, hash,
                () -> Panache.withTransaction(() -> bookOnce(memberId, req.outletId(), req.service(), start, key,
                        hash)));
    }

    /**
     * One transaction: the checks (one read), the day's shared lock and its closure, then the appointment and its
     * seat. The slot row's lock is held only from the seat's statement to the commit.
     */
    private Uni<Response> bookOnce(long memberId, String outletId, String serviceCode, Instant start, String key,
                                   String hash) {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(start, Zones.SHANGHAI);
        return bookableService(serviceCode).chain(service -> {
            if (!start.isAfter(now)) {
                throw new ApiException(422, "SLOT_IN_PAST", "This slot has already started; choose a later one.",
                        "slotStart", null);
            }
            return repository.outletDay(outletId, serviceCode, day, start, memberId, now).chain(d -> {
                handled(d, outletId, service, "service");
                LocalDate today = LocalDate.ofInstant(now, Zones.SHANGHAI);
                if (day.isAfter(lastBookableDay(today))) {
                    throw notOffered("Appointments open " + config.daysAhead() + " days ahead: book on or before "
                            + lastBookableDay(today) + ".");
                }
                SlotPlan.Bounds slot = SlotPlan.startingAt(day, d.periods(), start);
                if (slot == null) {
                    throw notOffered(d.periods().isEmpty()
                            ? d.outlet().name() + " does not open on " + weekdayName(day) + "s."
                            : "No slot starts then: slots are " + SlotPlan.LENGTH.toMinutes() + " minutes, from the "
                            + "opening of each period of the outlet's hours.");
                }
                if (d.capacity() == 0) {
                    throw notOffered(d.outlet().name() + " takes no appointments for this service on "
                            + weekdayName(day) + "s.");
                }
                if (d.activeBooking() != null) {
                    throw new ApiException(409, "APPOINTMENT_EXISTS", "You already have an appointment for this "
                            + "service (" + d.activeBooking() + "); cancel it to book another.", "service", null);
                }
                if (d.closureReason() == null && d.seatsTaken() >= d.capacity()) {
                    throw slotFull();
                }
                return repository.lockDayShared(outletId, day)
                        .chain(() -> repository.closureReason(outletId, day))
                        .chain(reason -> {
                            if (reason != null) {
                                throw new ApiException(422, "OUTLET_CLOSED", d.outlet().name() + " is closed on "
                                        + day + ": " + reason, "slotStart", null);
                            }
                            return d.elapsedBooking() ? repository.markPast(memberId, serviceCode, now)
                                    : Uni.createFrom().item(0);
                        })
                        .chain(() -> write(memberId, d.outlet().id(), serviceCode, slot, now, key, hash));
            });
        });
    }

    private Uni<Response> write(long memberId, String outletId, String serviceCode, SlotPlan.Bounds slot,
                                Instant now, String key, String hash) {
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.memberId = memberId;
        a.outletId = outletId;
        a.serviceCode = serviceCode;
        a.startsAt = slot.start();
        a.endsAt = slot.end();
        a.status = AppointmentStatus.BOOKED;
        a.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        String body = toJson(AppointmentView.of(a, now));
        int weekday = LocalDate.ofInstant(slot.start(), Zones.SHANGHAI).getDayOfWeek().getValue();
        return repository.book(new AppointmentRepository.Booking(a, weekday, key, hash, body))
                .onFailure(AppointmentService::isSecondActiveBooking)
                .transform(e -> new ApiException(409, "APPOINTMENT_EXISTS", "You already have an appointment for "
                        + "this service; cancel it to book another.", "service", null))
                .map(seated -> {
                    if (!seated) {
                        throw slotFull();
                    }
                    return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(body.getBytes(StandardCharsets.UTF_8)).build();
                });
    }

    @WithSession
    public Uni<AppointmentList> mine(long memberId) {
        Instant now = clock.instant();
        return Appointment.listOwn(memberId)
                .map(list -> new AppointmentList(list.stream().map(a -> AppointmentView.of(a, now)).toList()));
    }

    /**
     * Cancels the member's booking and frees its seat. Idempotent: an appointment already cancelled (by the member
     * or by the centre) is answered as it is; one that has started or passed cannot be cancelled.
     */
    @WithTransaction
    public Uni<AppointmentView> cancel(long memberId, UUID id) {
        Instant now = clock.instant();
        return repository.lockOwn(id, memberId).chain(a -> {
            if (a == null) {
                throw notFound();
            }
            if (a.status != AppointmentStatus.BOOKED) {
                return Uni.createFrom().item(AppointmentView.of(a, now));
            }
            if (!a.startsAt.isAfter(now)) {
                throw ApiException.conflict("APPOINTMENT_STARTED", "This appointment has started or passed; it can "
                        + "no longer be cancelled.");
            }
            a.status = AppointmentStatus.CANCELLED;
            a.cancelledAt = now.truncatedTo(ChronoUnit.MICROS);
            return repository.giveBackSeat(a).map(x -> AppointmentView.of(a, now));
        });
    }

    @WithSession
    public Uni<String> calendar(long memberId, UUID id) {
        Instant now = clock.instant();
        return Appointment.findOwn(id, memberId).chain(a -> {
            if (a == null) {
                throw notFound();
            }
            return repository.outlet(a.outletId).chain(outlet -> HallService.<HallService>findById(a.serviceCode)
                    .map(service -> AppointmentCalendar.of(a, outlet, service, now)));
        });
    }

    /** A service of the guide that takes appointments (not ONLINE). */
    static Uni<HallService> bookableService(String code) {
        return bookableService(code, "service");
    }

    static Uni<HallService> bookableService(String code, String field) {
        return HallService.<HallService>findById(code).map(service -> {
            if (service == null) {
                throw new ApiException(404, "SERVICE_NOT_FOUND", "No service " + code + " in the guide.", field,
                        null);
            }
            if (service.mode == HallService.Mode.ONLINE) {
                throw new ApiException(422, "SERVICE_ONLINE", service.name + " (" + service.nameEn + ") is done "
                        + "entirely online in the mobile office: no appointment is needed.", field, null);
            }
            return service;
        });
    }

    /** The outlet exists and handles the service. */
    private static void handled(AppointmentRepository.OutletDay d, String outletId, HallService service,
                                String serviceField) {
        if (d == null) {
            throw outletNotFound(outletId);
        }
        if (!d.handles()) {
            throw notAtOutlet(d.outlet().name(), service, serviceField);
        }
    }

    static ApiException outletNotFound(String outletId) {
        return new ApiException(404, "OUTLET_NOT_FOUND", "No outlet " + outletId + ".", "outletId", null);
    }

    static ApiException notAtOutlet(String outletName, HallService service, String serviceField) {
        return new ApiException(422, "SERVICE_NOT_AT_OUTLET", outletName + " does not handle " + service.name
                + " (" + service.nameEn + "); the guide lists the outlets that do.", serviceField, null);
    }

    private static ApiException slotFull() {
        return new ApiException(409, "SLOT_FULL", "This slot is fully booked; choose another.", "slotStart", null);
    }

    private LocalDate lastBookableDay(LocalDate today) {
        return today.plusDays(config.daysAhead());
    }

    static void validate(AppointmentRequest req) {
        if (req == null || req.outletId() == null || req.outletId().isBlank()) {
            throw ApiException.invalidField("outletId", "outletId is required.");
        }
        if (req.service() == null || req.service().isBlank()) {
            throw ApiException.invalidField("service", "service is required: a service code of the guide.");
        }
        if (req.slotStart() == null) {
            throw ApiException.invalidField("slotStart", "slotStart is required, like 2026-12-03T08:30:00+08:00.");
        }
    }

    /** The partial unique index refused a second active booking that a concurrent request made first. */
    private static boolean isSecondActiveBooking(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && "appointment_one_active_per_service".equals(cv.getConstraintName())) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg
                    && "appointment_one_active_per_service".equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }

    private static ApiException notOffered(String why) {
        return new ApiException(422, "SLOT_NOT_OFFERED", why, "slotStart", null);
    }

    static ApiException notFound() {
        return ApiException.notFound("APPOINTMENT_NOT_FOUND", "No such appointment among yours.");
    }

    private static String weekdayName(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
