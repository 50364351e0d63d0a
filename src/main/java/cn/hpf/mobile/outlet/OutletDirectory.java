package cn.hpf.mobile.outlet;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.guide.HallService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The outlets for a caller: nearest first, whether each is open now, what each handles. */
@ApplicationScoped
public class OutletDirectory {

    private final OutletRepository outlets;
    private final Clock clock;

    public OutletDirectory(OutletRepository outlets, Clock clock) {
        this.outlets = outlets;
        this.clock = clock;
    }

    /**
     * At most {@code limit} outlets handling {@code service} (any when null), nearest first from {@code here} (by
     * id when null). An unknown service code is a 400 naming {@code service}: a typo must not read as "nowhere".
     */
    @WithSession
    public Uni<OutletList> find(GeoPoint here, String service, int limit) {
        Uni<Void> known = service == null ? Uni.createFrom().voidItem()
                : HallService.<HallService>findById(service).invoke(found -> {
                    if (found == null) {
                        throw unknownService();
                    }
                }).replaceWithVoid();
        LocalDateTime now = LocalDateTime.now(clock.withZone(Zones.SHANGHAI));
        return known.chain(() -> outlets.ranked(here, service, limit)).chain(ranked -> {
            List<String> ids = ranked.stream().map(Ranked::id).toList();
            return outlets.withDetails(ids).chain(details -> outlets.closedOn(ids, now.toLocalDate())
                    .map(closed -> list(ranked, details, closed, now)));
        });
    }

    static ApiException unknownService() {
        return ApiException.invalidField("service",
                "service must be the code of a service of GET /v1/guide/services, like LOAN_APPLICATION.");
    }

    private static OutletList list(List<Ranked> ranked, List<Outlet> details, Set<String> closedToday,
                                   LocalDateTime now) {
        Map<String, Outlet> byId = details.stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
        return new OutletList(ranked.stream()
                .map(r -> view(byId.get(r.id()), r.distanceMetres(), !closedToday.contains(r.id()), now)).toList());
    }

    private static OutletView view(Outlet o, Double distanceMetres, boolean opensToday, LocalDateTime now) {
        return new OutletView(o.id, o.name, o.address, o.lat, o.lng,
                distanceMetres == null ? null : Math.round(distanceMetres), o.postedHours,
                opensToday && o.openings.stream().anyMatch(p -> p.isOpenAt(now)),
                o.services.stream().sorted(Comparator.comparingInt(s -> s.sortOrder)).map(s -> s.code).toList());
    }
}
