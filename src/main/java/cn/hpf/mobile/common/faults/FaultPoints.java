package cn.hpf.mobile.common.faults;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fail points on the money paths, for the tests that attack Redis and PostgreSQL at a chosen step (flush, roll
 * back, pause, stall). Each path calls {@link #reach} at its steps; unless a test armed a handler this is one
 * volatile read and a shared completed Uni. Arming is refused unless {@code hpf.faults.enabled} (tests only).
 */
@ApplicationScoped
public class FaultPoints {

    /** What a test does when a path reaches a point; the path waits for the returned Uni. */
    public interface Handler {
        Uni<Void> at(FaultPoint point, long memberId);
    }

    private static final Uni<Void> NOTHING = Uni.createFrom().voidItem();

    private final boolean enabled;
    private volatile Handler handler;

    public FaultPoints(@ConfigProperty(name = "hpf.faults.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    public Uni<Void> reach(FaultPoint point, long memberId) {
        Handler h = handler;
        return h == null ? NOTHING : h.at(point, memberId);
    }

    public void arm(Handler h) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is off (hpf.faults.enabled)");
        }
        handler = h;
    }

    public void disarm() {
        handler = null;
    }
}
