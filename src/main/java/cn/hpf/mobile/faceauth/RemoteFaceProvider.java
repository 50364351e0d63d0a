package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Slot for the real provider's HTTP adapter, selected when the sandbox is off. The startup check guarantees an
 * endpoint and a callback secret are configured; until the adapter is written every call answers 503 so that
 * nothing is ever authorized without a real liveness check.
 */
class RemoteFaceProvider implements FaceVerificationProvider {

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
        return ApiException.unavailable("FACE_PROVIDER_UNAVAILABLE",
                "The face verification provider at " + endpoint + " is not reachable; retry later.", 30);
    }
}
