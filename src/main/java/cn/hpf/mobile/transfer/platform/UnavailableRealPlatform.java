package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Stand-in until the real platform's HTTP adapter exists: it takes nothing, so every transfer-in stays unsubmitted
 * and every transfer-out unanswered (both are sent again later) instead of being lost or sent twice.
 */
class UnavailableRealPlatform implements TransferPlatform {

    private static final Logger LOG = Logger.getLogger(UnavailableRealPlatform.class);

    private final String endpoint;

    UnavailableRealPlatform(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Uni<String> submitTransferIn(TransferInSubmission submission) {
        LOG.errorf("No transfer platform adapter for %s yet; transfer-in %s stays unsubmitted", endpoint,
                submission.requestId());
        return Uni.createFrom().failure(unavailable());
    }

    @Override
    public Uni<Void> answerTransferOut(String platformTransferId, TransferOutAnswer answer) {
        LOG.errorf("No transfer platform adapter for %s yet; transfer-out %s stays unanswered", endpoint,
                platformTransferId);
        return Uni.createFrom().failure(unavailable());
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("TRANSFER_PLATFORM_UNAVAILABLE",
                "The national transfer platform cannot be reached from here yet.", 60);
    }
}
