package cn.hpf.mobile.withdrawal;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import cn.hpf.mobile.common.db.DbConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Brings one member's Redis state back to what PostgreSQL says, whatever Redis lost or kept: holds whose
 * withdrawal committed (the settle was lost) or can no longer commit (older than {@link #outcomeDecidedWithin}, so
 * the admission statement's outcome is decided) are dropped, {@code pending} is recounted from the holds left, and
 * the account copy is replaced by PostgreSQL's if it is older. Younger holds that PostgreSQL does not know are
 * admissions still in flight and stay. Safe to run any number of times, on any replica, at any moment.
 */
@ApplicationScoped
public class MemberReconciler {

    private static final Logger LOG = Logger.getLogger(MemberReconciler.class);

    private final MemberHolds holds;
    private final AdmissionRepository admissions;
    private final Duration decidedWithin;
    private final Clock clock;

    public MemberReconciler(MemberHolds holds, AdmissionRepository admissions, AdmissionConfig config, DbConfig db,
                            Clock clock) {
        this.holds = holds;
        this.admissions = admissions;
        this.decidedWithin = outcomeDecidedWithin(db, config);
        this.clock = clock;
    }

    /**
     * How long after its hold an admission statement's outcome is decided at the latest: it waits for a connection,
     * refuses to start after write-timeout, and the server aborts it after statement-timeout; a margin covers the
     * commit and the clocks of two replicas. A retry with the same Idempotency-Key, allowed once the outcome is
     * known, then finds the old hold decided instead of "in flight".
     */
    static Duration outcomeDecidedWithin(DbConfig db, AdmissionConfig config) {
        return db.connectionTimeout().plus(config.writeTimeout()).plus(db.statementTimeout())
                .plus(Duration.ofSeconds(2));
    }

    /** The holds dropped. */
    public Uni<Integer> reconcile(long memberId) {
        long deadBefore = clock.millis() - decidedWithin.toMillis();
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
