package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test stand-in for the money side: records every notification that passed the checks, and can be told to answer
 * the next calls about one transfer (by transfer id or our request id) with 503 or 409, as the real side does when
 * it is busy or a notification came out of order. Enabled by {@link TransferPlatformProfile}.
 */
@Alternative
@ApplicationScoped
public class RecordingTransferCallbacks implements TransferCallbacks {

    /** Every call, failed ones included, in arrival order. */
    private final List<PlatformCallback> calls = new CopyOnWriteArrayList<>();
    /** Calls answered 2xx. */
    private final List<PlatformCallback> applied = new CopyOnWriteArrayList<>();
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    private record Failing(AtomicInteger left, int status) {
    }

    @Override
    public Uni<Void> apply(PlatformCallback callback) {
        calls.add(callback);
        Failing f = failing.get(callback.transferId());
        if (f == null && callback.requestId() != null) {
            f = failing.get(callback.requestId());
        }
        if (f != null && f.left().getAndDecrement() > 0) {
            return Uni.createFrom().failure(f.status() == 409
                    ? ApiException.conflict("TRANSFER_NOT_READY", "Out of order: repeat it later.")
                    : ApiException.unavailable("SERVICE_BUSY", "Busy: repeat it later.", 1));
        }
        applied.add(callback);
        return Uni.createFrom().voidItem();
    }

    /** The next {@code n} calls about {@code transferOrRequestId} fail with {@code status} (409 or 503). */
    public void failNext(String transferOrRequestId, int n, int status) {
        failing.put(transferOrRequestId, new Failing(new AtomicInteger(n), status));
    }

    public List<PlatformCallback> applied(String transferId) {
        return applied.stream().filter(c -> transferId.equals(c.transferId())).toList();
    }

    public List<PlatformCallback> calls(String transferId) {
        return calls.stream().filter(c -> transferId.equals(c.transferId())).toList();
    }

    public List<String> appliedTypes(String transferId) {
        return applied(transferId).stream().map(PlatformCallback::type).toList();
    }
}
