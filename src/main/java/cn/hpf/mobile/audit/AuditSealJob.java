package cn.hpf.mobile.audit;

import cn.hpf.mobile.common.redis.ClusterLocks;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Chains the audit rows by hash in batches, one replica at a time (a Redis lock; losing it is harmless, since a
 * second sealer's seal collides on the seal's primary key and is rolled back). Each seal's hash is logged, so a
 * copy of the chain's head lives outside the database.
 */
@ApplicationScoped
public class AuditSealJob {

    private static final Logger LOG = Logger.getLogger(AuditSealJob.class);
    /** Seals per run: the rest waits for the next run. */
    private static final int MAX_SEALS_PER_RUN = 100;

    private final AuditRepository repository;
    private final ClusterLocks locks;
    private final AuditConfig config;

    public AuditSealJob(AuditRepository repository, ClusterLocks locks, AuditConfig config) {
        this.repository = repository;
        this.locks = locks;
        this.config = config;
    }

    @Scheduled(identity = "audit-seal", every = "${hpf.audit.seal-every:1m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return locks.whenFree("audit-seal", Duration.ofMinutes(5), this::sealAll, 0)
                .onFailure().invoke(e -> LOG.warnf("Audit sealing failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Seals every range old enough, up to the run's limit; answers how many seals were written. */
    Uni<Integer> sealAll() {
        return sealFrom(0);
    }

    private Uni<Integer> sealFrom(int done) {
        if (done >= MAX_SEALS_PER_RUN) {
            return Uni.createFrom().item(done);
        }
        return repository.sealNext(config.sealMargin(), config.sealRows()).chain(seal -> {
            if (seal == null) {
                return Uni.createFrom().item(done);
            }
            LOG.infof("Audit seal %d: rows %d..%d (%d), hash %s", seal.id(), seal.firstId(), seal.lastId(),
                    seal.rowCount(), seal.hash());
            return sealFrom(done + 1);
        });
    }
}
