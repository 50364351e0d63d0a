package cn.hpf.mobile.transfer;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * What the platform has not taken yet is sent again: transfer-in requests without a platform id, transfer-out
 * answers it has not acknowledged. Both calls are idempotent on the platform's side, so replicas doing the same
 * pass at the same time cost a duplicate call, never a duplicate transfer.
 */
@ApplicationScoped
public class TransferRetry {

    private static final Logger LOG = Logger.getLogger(TransferRetry.class);
    /** Left alone for this long: the request's own path is still handing it over. */
    static final Duration SETTLE_TIME = Duration.ofSeconds(5);
    private static final int BATCH = 100;

    private final TransferRepository transfers;
    private final TransferService service;

    public TransferRetry(TransferRepository transfers, TransferService service) {
        this.transfers = transfers;
        this.service = service;
    }

    @Scheduled(every = "${hpf.transfer.retry-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodically() {
        return pass(SETTLE_TIME).onFailure().invoke(e -> LOG.warnf("Transfer retry skipped: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; answers how many were sent again. */
    public Uni<Integer> pass(Duration olderThan) {
        Uni<Integer> submitted = transfers.unsubmitted(olderThan, BATCH)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> service.submit(id).replaceWith(1)
                        .onFailure().invoke(e -> LOG.infof("Transfer-in %s still not taken: %s", id, e))
                        .onFailure().recoverWithItem(0))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum());
        Uni<Integer> answered = transfers.unanswered(olderThan, BATCH)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> service.answerAgain(id).replaceWith(1)
                        .onFailure().invoke(e -> LOG.infof("Transfer-out %s answer still not taken: %s", id, e))
                        .onFailure().recoverWithItem(0))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum());
        return submitted.chain(a -> answered.map(b -> a + b));
    }
}
