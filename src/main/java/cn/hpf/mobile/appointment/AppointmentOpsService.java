package cn.hpf.mobile.appointment;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.Zones;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operators' side of appointments: how many members a slot takes, per outlet, service and weekday, and the days
 * an outlet closes. A lowered capacity keeps the bookings already made (the slot just shows 0 remaining until enough
 * are cancelled); a closure cancels the day's bookings not yet started, with its reason. Each action is audited in
 * its own transaction (audit_log).
 */
@ApplicationScoped
public class AppointmentOpsService {

    static final int MAX_CAPACITY = 1000;
    static final int MAX_ITEMS = 200;
    static final int MAX_REASON = 200;

    private final AppointmentRepository repository;
    private final Clock clock;

    public AppointmentOpsService(AppointmentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CapacityTable> setCapacity(String outletId, CapacityRequest req, Operator by) {
        List<CapacityItem> items = validate(req);
        return repository.outlet(outletId).chain(outlet -> {
            if (outlet == null) {
                throw AppointmentService.outletNotFound(outletId);
            }
            return Multi.createFrom().range(0, items.size())
                    .onItem().transformToUniAndConcatenate(i -> AppointmentService.bookableService(
                                    items.get(i).service(), "items[" + i + "].service")
                            .call(service -> repository.handles(outletId, service.code).invoke(handled -> {
                                if (!handled) {
                                    throw AppointmentService.notAtOutlet(outlet.name(), service,
                                            "items[" + i + "].service");
                                }
                            }))
                            .chain(service -> repository.setCapacity(outletId, new AppointmentRepository.Capacity(
                                    items.get(i).service(), items.get(i).weekday(), items.get(i).capacityPerSlot()))))
                    .collect().with(Collectors.reducing(false, Boolean::logicalOr))
                    .chain(changed -> repository.audit("APPOINTMENT_CAPACITY_SET", by, outletId, "SET " + items
                            .stream().map(c -> c.service() + "/" + c.weekday() + "=" + c.capacityPerSlot())
                            .collect(Collectors.joining(", ")), null, changed))
                    .chain(() -> repository.capacities(outletId))
                    .map(rows -> new CapacityTable(outletId, rows.stream().map(c -> new CapacityItem(c.service(),
                            c.weekday(), c.capacityPerSlot())).toList()));
        });
    }

    @WithTransaction
    public Uni<ClosureView> close(String outletId, ClosureRequest req, Operator by) {
        if (req == null || req.date() == null) {
            throw ApiException.invalidField("date", "date is required, like 2026-12-07.");
        }
        String reason = req.reason() == null ? "" : req.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "reason is required, 1–" + MAX_REASON + " characters: the "
                    + "members whose bookings it cancels see it.");
        }
        Instant now = clock.instant();
        LocalDate day = req.date();
        if (day.isBefore(LocalDate.ofInstant(now, Zones.SHANGHAI))) {
            throw ApiException.invalidField("date", "date must be today or later.");
        }
        Instant from = day.atStartOfDay(Zones.SHANGHAI).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(Zones.SHANGHAI).toInstant();
        return repository.outlet(outletId).chain(outlet -> {
            if (outlet == null) {
                throw AppointmentService.outletNotFound(outletId);
            }
            return repository.lockDay(outletId, day)
                    .chain(() -> repository.close(outletId, day, reason, by.subject()))
                    .chain(closed -> {
                        if (!closed) {
                            throw ApiException.conflict("OUTLET_ALREADY_CLOSED", outlet.name() + " is already "
                                    + "closed on " + day + ".");
                        }
                        return repository.cancelDay(outletId, from, to, reason, now);
                    })
                    .call(cancelled -> repository.audit("OUTLET_CLOSE", by, outletId + " " + day,
                            "CLOSED, " + cancelled + " booking(s) cancelled", reason, true))
                    .map(cancelled -> new ClosureView(outletId, day, reason, cancelled));
        });
    }

    static List<CapacityItem> validate(CapacityRequest req) {
        if (req == null || req.items() == null || req.items().isEmpty() || req.items().size() > MAX_ITEMS) {
            throw ApiException.invalidField("items", "items is required: 1–" + MAX_ITEMS + " rows of {service, "
                    + "weekday, capacityPerSlot}.");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < req.items().size(); i++) {
            CapacityItem item = req.items().get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                throw ApiException.invalidField(at, at + " must be an object.");
            }
            if (item.service() == null || item.service().isBlank()) {
                throw ApiException.invalidField(at + ".service", at + ".service is required.");
            }
            if (item.weekday() == null || item.weekday() < 1 || item.weekday() > 7) {
                throw ApiException.invalidField(at + ".weekday", at + ".weekday must be 1 (Monday) to 7 (Sunday).");
            }
            if (item.capacityPerSlot() == null || item.capacityPerSlot() < 0
                    || item.capacityPerSlot() > MAX_CAPACITY) {
                throw ApiException.invalidField(at + ".capacityPerSlot", at + ".capacityPerSlot must be 0–"
                        + MAX_CAPACITY + ".");
            }
            if (!seen.add(item.service() + "/" + item.weekday())) {
                throw ApiException.invalidField(at, at + " repeats " + item.service() + " on weekday "
                        + item.weekday() + ".");
            }
        }
        return req.items();
    }
}
