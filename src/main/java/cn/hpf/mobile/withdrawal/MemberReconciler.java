package cn.hpf.mobile.withdrawal;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Brings one member's Redis state back to what PostgreSQL says, whatever Redis lost or kept: holds whose
 * withdrawal committed (the settle was lost) or can no longer commit (older than hold-grace, so the admission's
 * outcome is decided) are dropped, {@code pending} is recounted from the holds left, and the account copy is
 * replaced by PostgreSQL's if it is older. Holds younger than hold-grace that PostgreSQL does not know are
 * admissions still in flight and stay. Safe to run any number of times, on any replica, at any moment.
 */
@ApplicationScoped
public class MemberReconciler {

    private static final Logger LOG = Logger.getLogger(MemberReconciler.class);

    private final MemberHolds holds;
    private final AdmissionRepository admissions;
    private final AdmissionConfig config;
    private final Clock clock;

    public MemberReconciler(MemberHolds holds, AdmissionRepository admissions, AdmissionConfig config, Clock clock) {
        this.holds = holds;
        this.admissions = admissions;
        this.config = config;
        this.clock = clock;
    }

    /** The holds dropped. */
    public Uni<Integer> reconcile(long memberId) {
        long deadBefore = clock.millis() - config.holdGrace().toMillis();
        return holds.holds(memberId).chain(found -> admissions.memberNow(memberId,
                        found.stream().map(MemberHolds.Hold::withdrawalId).filter(Objects::nonNull).toList())
                .chain(now -> {
                    if (now == null) {
                        return Uni.createFrom().item(0);
                    }
                    List<String> decided = new ArrayList<>();
                    for (MemberHolds.Hold h : found) {
                        boolean committed = h.withdrawalId() != null && now.committed().contains(h.withdrawalId());
                        if (committed || h.atMillis() < deadBefore) {
                            decided.add(h.field());
                        }
                    }
                    return holds.reconcile(now.account(), decided).invoke(dropped -> {
                        if (dropped > 0) {
                            LOG.infof("Member %d: %d Redis hold(s) PostgreSQL had decided were dropped", memberId, dropped);
                        }
                    });
                }));
    }
}
