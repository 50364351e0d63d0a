package cn.hpf.mobile.audit;

import cn.hpf.mobile.common.redis.ClusterLocks;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Chains the audit rows by hash in batches, one replica at a time (a Redis lock; losing it is harmless, since a
 * second sealer's seal collides on the seal's primary key and is rolled back), and signs each seal with the
 * configured key (an HMAC the database cannot make). Each seal's hash is logged, so a copy of the chain's head lives
 * outside the database.
 */
@ApplicationScoped
public class AuditSealJob {

    private static final Logger LOG = Logger.getLogger(AuditSealJob.class);
    /** Seals per run: the rest waits for the next run. */
    private static final int MAX_SEALS_PER_RUN = 100;

    private final AuditRepository repository;
    private final ClusterLocks locks;
    private final AuditConfig config;
    private final AuditSealKeys keys;

    public AuditSealJob(AuditRepository repository, ClusterLocks locks, AuditConfig config, AuditSealKeys keys) {
        this.repository = repository;
        this.locks = locks;
        this.config = config;
        this.keys = keys;
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
        return repository.nextSeal(config.sealMargin(), config.sealRows()).chain(next -> {
            if (next == null) {
                return Uni.createFrom().item(done);
            }
            return repository.storeSeal(next, keys.currentId(), keys.sign(next.id(), next.hash())).chain(seal -> {
                LOG.infof("Audit seal %d: rows %d..%d (%d), hash %s, key %s", seal.id(), seal.firstId(),
                        seal.lastId(), seal.rowCount(), seal.hash(), seal.keyId());
                return sealFrom(done + 1);
            });
        });
    }
}
