package cn.hpf.mobile.common.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

class StatusStreamTest {

    private final UUID id = UUID.randomUUID();
    private final AtomicReference<StatusStream<Step>> stream = new AtomicReference<>();
    private final AssertSubscriber<OutboundSseEvent> client = Multi.createFrom().<OutboundSseEvent>emitter(
                    emitter -> stream.set(new StatusStream<>(emitter, SseImpl.INSTANCE, Step.class)))
            .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

    @Test
    void sendsTheCurrentStateThenEachChangeAsStatusEventsInOrder() {
        stream.get().start(step("OPENED"));
        stream.get().change(step("MOVING"));

        assertThat(statuses()).containsExactly("OPENED", "MOVING");
        OutboundSseEvent first = client.getItems().get(0);
        assertThat(first.getName()).isEqualTo("status");
        assertThat(first.getId()).isEqualTo("OPENED");
        assertThat(first.getData()).isEqualTo(step("OPENED"));
        assertThat(first.getType()).isEqualTo(Step.class);
        client.assertNotTerminated();
    }

    @Test
    void changesHeardBeforeTheCurrentStateWasReadWaitForIt() {
        stream.get().change(step("MOVING"));
        stream.get().heartbeat();
        assertThat(client.getItems()).isEmpty();

        stream.get().start(step("OPENED"));
        assertThat(statuses()).containsExactly("OPENED", "MOVING");
    }

    @Test
    void neverGoesBackNorRepeatsAState() {
        stream.get().change(step("OPENED")); // heard early, read later as already further along
        stream.get().start(step("MOVING"));
        stream.get().change(step("MOVING")); // the heartbeat's re-read
        stream.get().change(step("OPENED")); // a late message

        assertThat(statuses()).containsExactly("MOVING");
    }

    @Test
    void completesAtATerminalStateAndSendsNothingAfterIt() {
        stream.get().start(step("OPENED"));
        stream.get().heartbeat();
        stream.get().change(step("DONE"));
        stream.get().change(step("DROPPED"));
        stream.get().heartbeat();
        stream.get().fail(new IllegalStateException("too late"));

        client.assertCompleted();
        assertThat(client.getItems()).extracting(OutboundSseEvent::getComment)
                .containsExactly(null, "heartbeat", null);
        assertThat(statuses()).containsExactly("OPENED", "DONE");
    }

    @Test
    void aFinishedItemSendsItsStateAndCloses() {
        stream.get().change(step("MOVING"));
        stream.get().start(step("DROPPED"));

        client.assertCompleted();
        assertThat(statuses()).containsExactly("DROPPED");
    }

    private Step step(String status) {
        return new Step(id, status);
    }

    private List<String> statuses() {
        return client.getItems().stream().filter(e -> e.getComment() == null).map(OutboundSseEvent::getId).toList();
    }
}
