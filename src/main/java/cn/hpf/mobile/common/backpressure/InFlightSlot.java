package cn.hpf.mobile.common.backpressure;

/**
 * One request's place in its route group, given back exactly once, when its work is over. A request that the
 * client abandons is over when the connection closes, unless it is a state-changing one that the JAX-RS layer is
 * already running: that one runs to the end whatever the client does, and gives its place back when its response
 * is ready ({@link InFlightSlotFilters}).
 */
final class InFlightSlot {

    static final String KEY = "hpf.backpressure.slot";

    private final InFlightLimiter limiter;
    private final RouteGroup group;
    private final boolean runsToTheEnd;
    private boolean dispatched;
    private boolean workDone;
    private boolean abandoned;
    private boolean released;

    InFlightSlot(InFlightLimiter limiter, RouteGroup group, boolean runsToTheEnd) {
        this.limiter = limiter;
        this.group = group;
        this.runsToTheEnd = runsToTheEnd;
    }

    /** The resource method is about to run. */
    synchronized void dispatched() {
        dispatched = true;
    }

    /** The resource method's answer (or its mapped error) is ready. */
    synchronized void workDone() {
        workDone = true;
        if (abandoned) {
            release();
        }
    }

    /** The response was written ({@code answered}), or the connection closed before it was. */
    synchronized void connectionDone(boolean answered) {
        if (answered || !runsToTheEnd || !dispatched || workDone) {
            release();
        } else {
            abandoned = true;
        }
    }

    private void release() {
        if (!released) {
            released = true;
            limiter.release(group);
        }
    }
}
