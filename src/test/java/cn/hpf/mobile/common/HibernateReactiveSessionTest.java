package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.guide.HallService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Reactive keeps its session in the Vert.x duplicated context, not in a thread-local that Mutiny's
 * context propagation would carry: Panache sessions work with that propagation off, as the application runs.
 */
@QuarkusTest
class HibernateReactiveSessionTest {

    @Test
    @RunOnVertxContext
    void panacheSessionsWorkWithMutinyContextPropagationOff(UniAsserter asserter) {
        Function<String, String> callback = s -> s;
        asserter.execute(() -> assertThat(Infrastructure.decorate(callback)).isSameAs(callback));
        asserter.assertThat(() -> io.quarkus.hibernate.reactive.panache.Panache.withSession(
                        () -> HallService.<HallService>findById("WITHDRAW_RENT")
                                .chain(rent -> HallService.count("audience", HallService.Audience.EMPLOYER)
                                        .map(employer -> rent.mode + "/" + employer))),
                answer -> assertThat(answer).isEqualTo("ONLINE/14"));
    }
}
