package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Slot for the real provider's HTTP adapter, selected when the sandbox is off. The startup check guarantees an
 * endpoint and a callback secret are configured; until the adapter is written every call answers 503 so that
 * nothing is ever authorized without a real liveness check.
 */
class RemoteFaceProvider implements FaceVerificationProvider {

    private static final Logger LOG = Logger.getLogger(RemoteFaceProvider.class);

    private final String endpoint;

    RemoteFaceProvider(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Uni<CertifySession> initialize(UUID verificationId, long memberId, FacePurpose purpose) {
        return Uni.createFrom().failure(unavailable());
    }

    @Override
    public Uni<ProviderOutcome> query(String providerRef) {
        return Uni.createFrom().failure(unavailable());
    }

    private ApiException unavailable() {
        LOG.warnf("No adapter for the face provider at %s yet: face verification is unavailable", endpoint);
        return ApiException.unavailable("FACE_PROVIDER_UNAVAILABLE",
                "Face verification is unavailable at the moment; retry later.", 30);
    }
}
