package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.ApiException;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Placeholder until the money side applies platform notifications: answers 503, so the platform keeps every
 * notification and repeats it later. Any other TransferCallbacks bean replaces it.
 */
@DefaultBean
@ApplicationScoped
public class PendingTransferCallbacks implements TransferCallbacks {

    @Override
    public Uni<Void> apply(PlatformCallback callback) {
        return Uni.createFrom().failure(ApiException.unavailable("SERVICE_BUSY",
                "Transfers between cities are not ready yet; repeat the notification later.", 30));
    }
}
