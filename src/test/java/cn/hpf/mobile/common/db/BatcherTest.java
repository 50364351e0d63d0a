package cn.hpf.mobile.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The batching rule: a lone call goes at once; calls made while batches run leave together when one returns. */
class BatcherTest {

    /** Batches are held until the test lets them return. */
    private final List<List<Batcher.Pending<Integer, String>>> sent = new CopyOnWriteArrayList<>();
    private final List<UniEmitter<? super Void>> running = new CopyOnWriteArrayList<>();
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();

    private Batcher<Integer, String> batcher(int maxItems, int maxInFlight) {
        return new Batcher<>("test", maxItems, maxInFlight, batch -> Uni.createFrom().emitter(e -> {
            sent.add(batch);
            running.add(e);
        }), sizes::add);
    }

    private static CompletableFuture<String> call(Batcher<Integer, String> b, int item) {
        return b.submit(item).subscribeAsCompletionStage();
    }

    /** Answers every call of the n-th batch with its item and lets the batch return. */
    private void answer(int n) {
        sent.get(n).forEach(p -> p.complete("done " + p.item()));
        running.get(n).complete(null);
    }

    @Test
    void aLoneCallIsSentAtOnce() {
        Batcher<Integer, String> b = batcher(32, 1);
        CompletableFuture<String> one = call(b, 1);
        assertThat(sent).hasSize(1);
        answer(0);
        assertThat(one).isCompletedWithValue("done 1");
        assertThat(b.pending()).isZero();
    }

    @Test
    void callsMadeWhileBatchesRunLeaveTogetherWhenOneReturns() {
        Batcher<Integer, String> b = batcher(32, 2);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(call(b, i));
        }
        assertThat(sent).hasSize(2);
        assertThat(b.pending()).isEqualTo(10);
        answer(0);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2)).extracting(Batcher.Pending::item).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        answer(1);
        answer(2);
        assertThat(sizes).containsExactly(1, 1, 8);
        for (int i = 0; i < 10; i++) {
            assertThat(calls.get(i)).isCompletedWithValue("done " + i);
        }
    }

    @Test
    void aBatchHoldsAtMostItsMaximum() {
        Batcher<Integer, String> b = batcher(3, 1);
        for (int i = 0; i < 8; i++) {
            call(b, i);
        }
        answer(0);
        answer(1);
        answer(2);
        assertThat(sizes).containsExactly(1, 3, 3, 1);
    }

    @Test
    void oneCallsFailureIsItsOwnAndABatchThatFailsFailsTheCallsItHadNotAnswered() {
        Batcher<Integer, String> b = batcher(32, 1);
        CompletableFuture<String> first = call(b, 1);
        CompletableFuture<String> refused = call(b, 2);
        CompletableFuture<String> admitted = call(b, 3);
        answer(0);
        Batcher.Pending<Integer, String> two = sent.get(1).get(0);
        two.fail(new IllegalStateException("refused"));
        sent.get(1).get(1).complete("done 3");
        running.get(1).fail(new IllegalStateException("the connection broke"));
        assertThat(first).isCompletedWithValue("done 1");
        assertThat(admitted).isCompletedWithValue("done 3");
        assertThatThrownBy(() -> refused.get()).hasMessageContaining("refused");

        CompletableFuture<String> lost = call(b, 4);
        running.get(2).fail(new IllegalStateException("the connection broke"));
        assertThatThrownBy(() -> lost.get()).hasMessageContaining("the connection broke");
        assertThat(b.pending()).isZero();
    }

    @Test
    void aBatchThatReturnsWithoutAnsweringACallFailsIt() {
        Batcher<Integer, String> b = batcher(32, 1);
        CompletableFuture<String> forgotten = call(b, 1);
        running.get(0).complete(null);
        assertThatThrownBy(() -> forgotten.get()).hasMessageContaining("no outcome");
    }
}
