package cn.hpf.mobile.common.db;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Groups concurrent calls into batches, adaptively: a call that finds fewer than {@code maxInFlight} batches running
 * is sent at once (a lone request waits for nothing); otherwise it waits in the queue, and the calls queued meanwhile
 * leave together, up to {@code maxItems}, as soon as a running batch returns. Under load a batch therefore holds
 * whatever arrived during the previous one's round trip, so the fixed costs of a statement and a commit are paid
 * once per batch.
 *
 * <p>Each call gets its own outcome ({@link Pending#complete}, {@link Pending#fail}), delivered on the Vert.x context
 * it was made on; a batch that fails as a whole fails every call in it that has no outcome yet.
 */
public final class Batcher<I, O> {

    private static final Logger LOG = Logger.getLogger(Batcher.class);

    private final String name;
    private final int maxItems;
    private final int maxInFlight;
    private final Function<List<Pending<I, O>>, Uni<Void>> send;
    private final IntConsumer sizes;
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private int inFlight;
    private int inFlightCalls;

    /**
     * {@code send}: runs one batch and gives each of its calls an outcome; its failure fails the rest.
     * {@code sizes}: told the size of every batch sent (a metric).
     */
    public Batcher(String name, int maxItems, int maxInFlight, Function<List<Pending<I, O>>, Uni<Void>> send,
                   IntConsumer sizes) {
        if (maxItems < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batch needs room for one item and one batch in flight");
        }
        this.name = name;
        this.maxItems = maxItems;
        this.maxInFlight = maxInFlight;
        this.send = send;
        this.sizes = sizes;
    }

    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending<I, O>> batch;
            synchronized (this) {
                queue.add(new Pending<>(item, emitter, Vertx.currentContext()));
                batch = inFlight < maxInFlight ? take() : null;
            }
            if (batch != null) {
                run(batch);
            }
        });
    }

    /** Calls without an outcome yet: queued or in a batch in flight. */
    public synchronized int pending() {
        return queue.size() + inFlightCalls;
    }

    private List<Pending<I, O>> take() {
        List<Pending<I, O>> batch = new ArrayList<>(Math.min(queue.size(), maxItems));
        while (!queue.isEmpty() && batch.size() < maxItems) {
            batch.add(queue.poll());
        }
        inFlight++;
        inFlightCalls += batch.size();
        return batch;
    }

    private void run(List<Pending<I, O>> batch) {
        sizes.accept(batch.size());
        Uni<Void> sent;
        try {
            sent = send.apply(batch);
        } catch (RuntimeException e) {
            sent = Uni.createFrom().failure(e);
        }
        sent.subscribe().with(ignored -> finished(batch, null), failure -> finished(batch, failure));
    }

    private void finished(List<Pending<I, O>> batch, Throwable failure) {
        for (Pending<I, O> p : batch) {
            if (failure != null) {
                p.fail(failure);
            } else if (!p.done) {
                LOG.errorf("A %s batch gave one of its calls no outcome", name);
                p.fail(new IllegalStateException("no outcome from the " + name + " batch"));
            }
        }
        List<Pending<I, O>> next;
        synchronized (this) {
            inFlight--;
            inFlightCalls -= batch.size();
            next = queue.isEmpty() ? null : take();
        }
        if (next != null) {
            run(next);
        }
    }

    /** One call in a batch. */
    public static final class Pending<I, O> {
        private final I item;
        private final UniEmitter<? super O> emitter;
        private final Context context;
        private final Instant since = Instant.now();
        private volatile boolean done;

        private Pending(I item, UniEmitter<? super O> emitter, Context context) {
            this.item = item;
            this.emitter = emitter;
            this.context = context;
        }

        public I item() {
            return item;
        }

        /** When the call was made: its time in the queue counts against its deadline. */
        public Instant since() {
            return since;
        }

        public void complete(O outcome) {
            if (!done) {
                done = true;
                deliver(() -> emitter.complete(outcome));
            }
        }

        public void fail(Throwable failure) {
            if (!done) {
                done = true;
                deliver(() -> emitter.fail(failure));
            }
        }

        private void deliver(Runnable outcome) {
            if (context == null || Vertx.currentContext() == context) {
                outcome.run();
            } else {
                context.runOnContext(ignored -> outcome.run());
            }
        }
    }
}
