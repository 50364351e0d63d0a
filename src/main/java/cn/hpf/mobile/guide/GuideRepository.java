package cn.hpf.mobile.guide;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The guide's reads, in the caller's Panache session. */
@ApplicationScoped
public class GuideRepository {

    /** Which outlets handle each service: outlet_service, the outlets' own table, read as it is. */
    private static final String OUTLETS_BY_SERVICE =
            "SELECT service_code, outlet_id FROM outlet_service ORDER BY service_code, outlet_id";

    Uni<List<HallService>> services(HallService.Audience audience, HallService.Mode mode) {
        if (audience != null && mode != null) {
            return HallService.list("audience = ?1 and mode = ?2 order by sortOrder", audience, mode);
        }
        if (audience != null) {
            return HallService.list("audience = ?1 order by sortOrder", audience);
        }
        if (mode != null) {
            return HallService.list("mode = ?1 order by sortOrder", mode);
        }
        return HallService.list("order by sortOrder");
    }

    Uni<Map<String, List<String>>> outletIdsByService() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(OUTLETS_BY_SERVICE, Object[].class).getResultList())
                .map(rows -> {
                    Map<String, List<String>> byService = new HashMap<>();
                    for (Object[] r : rows) {
                        byService.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
                    }
                    return byService;
                });
    }

    Uni<List<WithdrawalGuide>> withdrawals() {
        return WithdrawalGuide.list("order by sortOrder");
    }

    Uni<List<WithdrawalGuideProof>> proofs() {
        return WithdrawalGuideProof.list("order by guideCode, position");
    }

    Uni<List<ProofSource>> sources() {
        return ProofSource.listAll();
    }
}
