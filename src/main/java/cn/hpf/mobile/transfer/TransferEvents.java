package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.live.StatusEvent;
import cn.hpf.mobile.common.live.StatusEventHub;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Pushes a transfer's new state, once committed, to the member's open event streams on every replica. Never fails
 * the caller: a lost message is caught by the streams' heartbeat re-reads.
 */
@ApplicationScoped
public class TransferEvents {

    private final TransferInEventHub in;
    private final TransferOutEventHub out;
    private final ObjectMapper json;

    public TransferEvents(TransferInEventHub in, TransferOutEventHub out, ObjectMapper json) {
        this.in = in;
        this.out = out;
        this.json = json;
    }

    Uni<Void> in(TransferInView view) {
        return publish(in, view);
    }

    Uni<Void> out(TransferOutView view) {
        return publish(out, view);
    }

    private <E extends StatusEvent> Uni<Void> publish(StatusEventHub<E> hub, E event) {
        try {
            return hub.publish(json.writeValueAsString(List.of(event)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().voidItem();
        }
    }
}
