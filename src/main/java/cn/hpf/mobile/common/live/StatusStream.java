package cn.hpf.mobile.common.live;

import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's event stream. Changes may arrive before the current state has been read (the listener is
 * registered first so that nothing falls between the read and the subscription): they wait, and only states further
 * along the machine (higher {@link StatusEvent#rank()}) are sent, each once. The stream completes at a terminal state.
 */
final class StatusStream<E extends StatusEvent> {

    /** The SSE event name of every state sent. */
    static final String EVENT_NAME = "status";

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final Class<E> type;
    private final List<E> early = new ArrayList<>();
    private boolean started;
    private boolean done;
    private int lastRank = -1;

    StatusStream(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, Class<E> type) {
        this.emitter = emitter;
        this.sse = sse;
        this.type = type;
    }

    synchronized void start(E current) {
        started = true;
        send(current);
        early.forEach(this::send);
        early.clear();
    }

    synchronized void change(E event) {
        if (started) {
            send(event);
        } else {
            early.add(event);
        }
    }

    synchronized void heartbeat() {
        if (started && !done) {
            emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
        }
    }

    synchronized void fail(Throwable e) {
        if (!done) {
            done = true;
            emitter.fail(e);
        }
    }

    private void send(E event) {
        if (done || event.rank() <= lastRank) {
            return;
        }
        lastRank = event.rank();
        // JSON by the method's @RestStreamElementType; no per-event media type, so no stray "content-type:" field.
        emitter.emit(sse.newEventBuilder().name(EVENT_NAME).id(event.status()).data(type, event).build());
        if (event.terminal()) {
            done = true;
            emitter.complete();
        }
    }
}
