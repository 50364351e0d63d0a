package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** hpf.mutiny.context-propagation=true brings SmallRye Context Propagation back for every Mutiny callback. */
@QuarkusTest
@TestProfile(ContextPropagationSwitchOnTest.On.class)
class ContextPropagationSwitchOnTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hpf.mutiny.context-propagation", "true");
        }
    }

    @Test
    void callbacksAreWrappedWhenSwitchedOn() {
        Function<String, String> callback = s -> s;
        assertThat(Infrastructure.decorate(callback)).isNotSameAs(callback);
    }
}
