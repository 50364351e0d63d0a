package cn.hpf.mobile.transfer;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
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
        return resend(transfers.unsubmitted(olderThan, BATCH), service::submit, "Transfer-in %s still not taken: %s")
                .chain(submitted -> resend(transfers.unanswered(olderThan, BATCH), service::answerAgain,
                        "Transfer-out %s answer still not taken: %s").map(answered -> submitted + answered));
    }

    /** Sends each one again, one after another; a failure is logged and left for the next pass. */
    private static <T> Uni<Integer> resend(Uni<List<T>> due, Function<T, Uni<Void>> send, String notTaken) {
        return due.onItem().transformToMulti(items -> Multi.createFrom().iterable(items))
                .onItem().transformToUniAndConcatenate(item -> send.apply(item).replaceWith(1)
                        .onFailure().invoke(e -> LOG.infof(notTaken, item, e))
                        .onFailure().recoverWithItem(0))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum());
    }
}
