package cn.hpf.mobile.transfer.platform;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/** Forgets platform callback nonces whose timestamps the freshness check rejects anyway. Safe on every replica. */
@ApplicationScoped
public class PlatformNonceSweep {

    private final TransferCallbackNonces nonces;
    private final PlatformConfig config;
    private final Clock clock;

    public PlatformNonceSweep(TransferCallbackNonces nonces, PlatformConfig config, Clock clock) {
        this.nonces = nonces;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "transfer-platform-nonces", every = "${hpf.transfer.platform.callback.nonce-sweep-every:5m}",
            delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return nonces.prune(OffsetDateTime.now(clock).minus(config.callback().nonceRetention())).replaceWithVoid();
    }
}
