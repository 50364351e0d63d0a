package cn.hpf.mobile.partner.notify;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Numbers each app's committed events in order, one app at a time under the app's row lock: a number is given only
 * to an event that has committed, and every later number to a later round, so a partner reading the feed after
 * sequence N never finds an event that gets a number ≤ N afterwards. Runs on every replica; the lock makes them
 * take turns. Numbered events are handed to the {@link NotificationDispatcher}.
 */
@ApplicationScoped
public class EventSequencer {

    private static final Logger LOG = Logger.getLogger(EventSequencer.class);
    private static final int BATCH = 1000;

    private final EventRepository events;
    private final NotificationDispatcher dispatcher;

    public EventSequencer(EventRepository events, NotificationDispatcher dispatcher) {
        this.events = events;
        this.dispatcher = dispatcher;
    }

    @Scheduled(every = "${hpf.partner.notify.sequence-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure().invoke(e -> LOG.warnf("Partner events not numbered now: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round over every app with waiting events; answers how many were numbered. */
    public Uni<Long> run() {
        return events.appsWaiting().onItem().transformToMulti(apps -> Multi.createFrom().iterable(apps))
                .onItem().transformToUniAndConcatenate(app -> events.number(app, BATCH))
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                .invoke(n -> {
                    if (n > 0) {
                        dispatcher.wake();
                    }
                });
    }
}
