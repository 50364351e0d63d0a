package cn.hpf.mobile.transfer.platform;

import io.smallrye.mutiny.Uni;

/**
 * Applies a platform notification whose signature, freshness and nonce were checked. Idempotent: a repeated
 * notification changes nothing and answers as the first did. Fails with an ApiException the platform reads:
 * 404 unknown transfer, 409 TRANSFER_NOT_READY (out of order: repeat later), 503 SERVICE_BUSY.
 */
public interface TransferCallbacks {

    Uni<Void> apply(PlatformCallback callback);
}
