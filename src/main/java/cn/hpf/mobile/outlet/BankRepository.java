package cn.hpf.mobile.outlet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Banks and their branches nearest first. For each bank, the GiST index on {@code (bank_code, location)} gives its
 * nearest branches straight away (index condition on the bank, k-nearest-neighbour order on cube's {@code <->}),
 * so a bank with thousands of branches costs only the few returned; PostgreSQL then orders the banks by their
 * nearest branch over those few rows.
 */
@ApplicationScoped
public class BankRepository {

    private static final String IN_ROLE = """
            WHERE EXISTS (SELECT 1 FROM bank_role r WHERE r.bank_code = b.code AND r.role = :role)
            """;

    /** Every bank with its :perBank nearest branches from (:lat, :lng); banks by their nearest branch. */
    public static final String NEAREST_BRANCHES = nearest("");

    /** The banks with :role, each with its :perBank nearest branches from (:lat, :lng). */
    public static final String NEAREST_BRANCHES_IN_ROLE = nearest(IN_ROLE);

    private static final String FIRST_BRANCHES = """
            SELECT b.code, x.id, CAST(NULL AS DOUBLE PRECISION) AS distance_metres
            FROM bank b
            LEFT JOIN LATERAL (
                SELECT y.id FROM bank_branch y WHERE y.bank_code = b.code ORDER BY y.id LIMIT :perBank) x ON true
            %s
            ORDER BY b.sort_order, b.code, x.id
            """;

    private static String nearest(String filter) {
        return """
                SELECT b.code, x.id, hpf_surface_metres(x.chord) AS distance_metres
                FROM bank b
                LEFT JOIN LATERAL (
                    SELECT y.id, y.location <-> hpf_earth_point(:lat, :lng) AS chord
                    FROM bank_branch y
                    WHERE y.bank_code = b.code
                    ORDER BY y.location <-> hpf_earth_point(:lat, :lng)
                    LIMIT :perBank) x ON true
                %s
                ORDER BY min(x.chord) OVER (PARTITION BY b.code), b.code, x.chord
                """.formatted(filter);
    }

    /**
     * The banks with {@code role} (every bank when null), each with at most {@code perBank} branches: nearest first
     * from {@code here}, banks by their nearest branch; without a location in the banks' listing order, branches by
     * id. Rows of one bank are consecutive.
     */
    public Uni<List<RankedBranch>> ranked(GeoPoint here, BankRole role, int perBank) {
        String filter = role == null ? "" : IN_ROLE;
        String sql = here == null ? FIRST_BRANCHES.formatted(filter)
                : role == null ? NEAREST_BRANCHES : NEAREST_BRANCHES_IN_ROLE;
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("perBank", perBank);
            if (here != null) {
                query.setParameter("lat", here.lat()).setParameter("lng", here.lng());
            }
            if (role != null) {
                query.setParameter("role", role.name());
            }
            return query.getResultList();
        }).map(rows -> rows.stream()
                .map(row -> new RankedBranch((String) row[0], (String) row[1], (Double) row[2])).toList());
    }

    /** These banks with their roles, in no particular order. */
    public Uni<List<Bank>> banks(List<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Bank.list("select distinct b from Bank b left join fetch b.roles where b.code in ?1", codes);
    }

    /** These branches, in no particular order. */
    public Uni<List<BankBranch>> branches(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return BankBranch.list("id in ?1", ids);
    }
}
