package cn.hpf.mobile.faceauth;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Marks verifications past their deadline EXPIRED and forgets stale callback nonces. Reads do not depend on it
 * (they show EXPIRED on time); it keeps the table truthful for reports. Conditional UPDATEs: safe on every replica.
 */
@ApplicationScoped
public class FaceExpiryJob {

    private static final Logger LOG = Logger.getLogger(FaceExpiryJob.class);

    private final FaceVerificationRepository verifications;
    private final CallbackNonces nonces;
    private final FaceVerificationService clock;
    private final FaceConfig config;

    public FaceExpiryJob(FaceVerificationRepository verifications, CallbackNonces nonces,
                         FaceVerificationService clock, FaceConfig config) {
        this.verifications = verifications;
        this.nonces = nonces;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "face-expiry", every = "${hpf.face.expiry-sweep-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        var now = clock.now();
        return verifications.expire(now)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.debugf("Expired %d face verifications", n);
                    }
                })
                .chain(() -> nonces.prune(now.minus(config.callback().nonceRetention())))
                .replaceWithVoid();
    }
}
