package cn.hpf.mobile.common;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns off Mutiny's thread-context propagation (SmallRye Context Propagation) unless
 * {@code hpf.mutiny.context-propagation=true}. Quarkus wraps every Mutiny callback to capture and restore
 * thread-local contexts: CDI's request context, and a JTA transaction that only exists because Flyway brings
 * Narayana. Here nothing needs them: requests run on the event loop, where the request context lives in the Vert.x
 * duplicated context and follows the request without any thread-local; the worker-pool steps (PBKDF2 at login) touch
 * no request-scoped bean; no code uses JTA. The wrapping was 15-19 % of the account read's JFR samples (2026-12-01,
 * docs/performance.md), and it grows with every operator of the admission path. The whole test suite runs with it
 * off; switch it back on if a later extension needs thread-local context across a thread hop.
 */
@ApplicationScoped
public class ContextPropagationSwitch {

    private static final Logger LOG = Logger.getLogger(ContextPropagationSwitch.class);

    private final boolean enabled;

    public ContextPropagationSwitch(
            @ConfigProperty(name = "hpf.mutiny.context-propagation", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    /** Early among the start-up observers, so that the pipelines they build are already unwrapped. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!enabled) {
            // Only SmallRye Context Propagation registers Mutiny decorators or interceptors in this application; an
            // extension added later that registers its own would lose it here too (ContextPropagationSwitchTest).
            Infrastructure.clearInterceptors();
            LOG.info("Mutiny context propagation is off (hpf.mutiny.context-propagation=false)");
        }
    }
}
