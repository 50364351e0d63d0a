package cn.hpf.mobile.support.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    private static final List<Integer> STEPS = IntStream.range(0, 500).boxed().toList();

    @Test
    void aFailureThatNeedsThreeStepsShrinksToExactlyThoseThreeInOrder() {
        var shrunk = Shrinker.shrink(STEPS, s -> s.contains(17) && s.contains(42) && s.contains(431),
                Duration.ofSeconds(10));
        assertThat(shrunk.steps()).containsExactly(17, 42, 431);
        assertThat(shrunk.tries()).isLessThan(200);
    }

    @Test
    void aFailureThatNeedsAnyTwentyStepsAfterAFlushKeepsTheFlushAndTwentyOthers() {
        var shrunk = Shrinker.shrink(STEPS, s -> s.contains(250) && s.stream().filter(i -> i > 250).count() >= 20,
                Duration.ofSeconds(10));
        assertThat(shrunk.steps()).hasSize(21).startsWith(250);
    }

    @Test
    void outOfTimeItAnswersTheShortestFailingSequenceFoundSoFar() {
        var shrunk = Shrinker.shrink(STEPS, s -> s.contains(3), Duration.ZERO);
        assertThat(shrunk.steps()).isEqualTo(STEPS);
        assertThat(shrunk.tries()).isZero();
    }
}
