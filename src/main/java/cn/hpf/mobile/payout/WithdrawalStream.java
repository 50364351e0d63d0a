package cn.hpf.mobile.payout;

import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's event stream. Changes may arrive before the current state has been read (the listener is
 * registered first so that nothing falls between the read and the subscription): they wait, and only states further
 * along ACCEPTED → PAYING → PAID|FAILED are sent, each once. The stream completes at a terminal state.
 */
final class WithdrawalStream {

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final List<WithdrawalEvent> early = new ArrayList<>();
    private boolean started;
    private boolean done;
    private int lastRank = -1;

    WithdrawalStream(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
        this.emitter = emitter;
        this.sse = sse;
    }

    synchronized void start(WithdrawalEvent current) {
        started = true;
        send(current);
        early.forEach(this::send);
        early.clear();
    }

    synchronized void change(WithdrawalEvent event) {
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

    private void send(WithdrawalEvent event) {
        if (done || event.rank() <= lastRank) {
            return;
        }
        lastRank = event.rank();
        // JSON by the method's @RestStreamElementType; no per-event media type, so no stray "content-type:" field.
        emitter.emit(sse.newEventBuilder().name("status").id(event.status())
                .data(WithdrawalEvent.class, event).build());
        if (event.terminal()) {
            done = true;
            emitter.complete();
        }
    }
}
