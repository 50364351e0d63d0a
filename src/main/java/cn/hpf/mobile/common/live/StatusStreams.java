package cn.hpf.mobile.common.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds a live status stream (Server-Sent Events) for a resource method: the current state first (event
 * {@code status}, the event's JSON as data, its status as id), then each change heard on the hub, a
 * {@code :heartbeat} comment every {@code heartbeat}, closing once a terminal state was sent.
 *
 * <p>The method needs {@code @Produces(SERVER_SENT_EVENTS)} and {@code @RestStreamElementType(APPLICATION_JSON)},
 * should be {@code @NonBlocking}, and must answer "not found / not yours" before the stream opens (the headers go
 * out before the first event): see {@link OwnStreamGuard}.
 */
public final class StatusStreams {

    private StatusStreams() {
    }

    /**
     * @param current reads the state from the database, or null when it is gone; called once at the start and on
     *                every heartbeat (which catches a change lost while the Redis subscription reconnected)
     * @param gone    the failure when the start finds nothing (only a race with the access check gets there)
     */
    public static <E extends StatusEvent> Multi<OutboundSseEvent> open(StatusEventHub<E> hub, Sse sse,
                                                                       Duration heartbeat, UUID id,
                                                                       Supplier<Uni<E>> current,
                                                                       Supplier<? extends Throwable> gone) {
        return Multi.createFrom().emitter(emitter -> {
            StatusStream<E> stream = new StatusStream<>(emitter, sse, hub.type());
            // Listen before reading, so that no change can fall between the read and the listener.
            Runnable stopListening = hub.listen(id, stream::change);
            Cancellable heartbeats = Multi.createFrom().ticks().every(heartbeat).onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> current.get().onFailure().recoverWithNull())
                    .subscribe().with(state -> {
                        stream.heartbeat();
                        if (state != null) {
                            stream.change(state);
                        }
                    });
            emitter.onTermination(() -> {
                heartbeats.cancel();
                stopListening.run();
            });
            current.get().subscribe().with(state -> {
                if (state == null) {
                    stream.fail(gone.get());
                } else {
                    stream.start(state);
                }
            }, stream::fail);
        });
    }
}
