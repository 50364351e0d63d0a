package cn.hpf.mobile.outlet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Outlets nearest first. PostgreSQL orders them with the GiST index on {@code outlet.location} (cube's {@code <->}
 * between earth points, a k-nearest-neighbour index scan), so only the outlets returned are read, however many
 * there are; the distance in metres along the surface comes from the same chord.
 */
@ApplicationScoped
public class OutletRepository {

    private static final String HANDLING = """
            WHERE EXISTS (SELECT 1 FROM outlet_service s WHERE s.outlet_id = o.id AND s.service_code = :service)
            """;

    /** Nearest first from (:lat, :lng), at most :limit. */
    public static final String NEAREST = nearest("");

    /** Nearest first from (:lat, :lng) among the outlets handling :service, at most :limit. */
    public static final String NEAREST_HANDLING = nearest(HANDLING);

    private static final String CLOSED_ON = """
            SELECT outlet_id FROM outlet_closure WHERE outlet_id IN (:ids) AND day = :day
            """;

    private static final String BY_ID = """
            SELECT o.id, CAST(NULL AS DOUBLE PRECISION) AS distance_metres
            FROM outlet o
            %s
            ORDER BY o.id
            LIMIT :limit
            """;

    private static String nearest(String filter) {
        return """
                SELECT o.id, hpf_surface_metres(o.location <-> hpf_earth_point(:lat, :lng)) AS distance_metres
                FROM outlet o
                %s
                ORDER BY o.location <-> hpf_earth_point(:lat, :lng)
                LIMIT :limit
                """.formatted(filter);
    }

    /**
     * At most {@code limit} outlets, handling {@code service} when it is not null: nearest first from {@code here},
     * or by id without a location.
     */
    public Uni<List<Ranked>> ranked(GeoPoint here, String service, int limit) {
        String sql = here == null ? BY_ID.formatted(service == null ? "" : HANDLING)
                : service == null ? NEAREST : NEAREST_HANDLING;
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("limit", limit);
            if (here != null) {
                query.setParameter("lat", here.lat()).setParameter("lng", here.lng());
            }
            if (service != null) {
                query.setParameter("service", service);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new Ranked((String) row[0], (Double) row[1])).toList());
    }

    /** These outlets with their opening periods and services, in no particular order. */
    /** Which of the outlets an operator closed for the day (a typhoon, a holiday): they open on no hours then. */
    public Uni<Set<String>> closedOn(List<String> ids, LocalDate day) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(CLOSED_ON, String.class)
                        .setParameter("ids", ids).setParameter("day", day).getResultList())
                .map(Set::copyOf);
    }

    public Uni<List<Outlet>> withDetails(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Outlet.list("select distinct o from Outlet o left join fetch o.openings left join fetch o.services "
                + "where o.id in ?1", ids);
    }
}
