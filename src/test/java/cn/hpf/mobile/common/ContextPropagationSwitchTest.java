package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Mutiny's context propagation is off by default: callbacks run as written, unwrapped. Every other test in the
 * suite runs in that mode, so they are the proof that nothing here needs thread-local context across a hop.
 */
@QuarkusTest
class ContextPropagationSwitchTest {

    @Test
    void callbacksAreNotWrappedByDefault() {
        Function<String, String> callback = s -> s;
        assertThat(Infrastructure.decorate(callback)).isSameAs(callback);
    }
}
