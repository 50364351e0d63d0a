package cn.hpf.mobile.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.common.redis.RedisBreaker.Permit;
import cn.hpf.mobile.common.redis.RedisBreaker.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's rules on a clock of its own: which command is sent, refused or sent as the one probe. */
class RedisBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RedisBreaker breaker = new RedisBreaker(3, Duration.ofSeconds(2), now::get);

    @Test
    void opensOnlyAfterSilencesInARow() {
        breaker.silent(breaker.permit());
        breaker.silent(breaker.permit());
        breaker.answered(breaker.permit()); // Redis answered: the count starts again
        breaker.silent(breaker.permit());
        breaker.silent(breaker.permit());
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.permit()).isEqualTo(Permit.SEND);

        breaker.silent(Permit.SEND);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.permit()).isEqualTo(Permit.REFUSE);
    }

    @Test
    void aRefusedOrBrokenConnectionSaysNothingOfAStall() {
        for (int i = 0; i < 10; i++) {
            breaker.failed(breaker.permit());
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void whileOpenEverythingIsRefusedThenOneProbeAtATime() {
        open();
        now.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertThat(breaker.permit()).isEqualTo(Permit.REFUSE);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        Permit probe = breaker.permit();
        assertThat(probe).isEqualTo(Permit.PROBE);
        assertThat(breaker.state()).isEqualTo(State.PROBING);
        assertThat(breaker.permit()).as("a second command while the probe is out").isEqualTo(Permit.REFUSE);

        breaker.answered(probe);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.permit()).isEqualTo(Permit.SEND);
    }

    @Test
    void aSilentProbeOpensItAgainForTheWholePeriod() {
        open();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        Permit probe = breaker.permit();
        breaker.silent(probe);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        now.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertThat(breaker.permit()).isEqualTo(Permit.REFUSE);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(breaker.permit()).isEqualTo(Permit.PROBE);
    }

    @Test
    void aProbeWhoseConnectionBrokeLetsTheNextCommandProbe() {
        open();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        breaker.failed(breaker.permit());
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.permit()).isEqualTo(Permit.PROBE);
    }

    @Test
    void aLateAnswerToACommandSentBeforeTheStallClosesIt() {
        Permit sentBefore = breaker.permit();
        open();
        breaker.answered(sentBefore);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            breaker.silent(breaker.permit());
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }
}
