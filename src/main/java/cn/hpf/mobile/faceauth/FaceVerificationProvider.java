package cn.hpf.mobile.faceauth;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * A face (liveness) verification provider, shaped like the real ones: we initialize a certify session, the member
 * does liveness in the provider's SDK at {@code certifyUrl}, the provider reports to our signed callback, and we
 * then ask the provider for the authoritative result (a callback only tells us that something happened).
 */
public interface FaceVerificationProvider {

    /** Opens a certify session for our verification id (the provider's "outer order number"). */
    Uni<CertifySession> initialize(UUID verificationId, long memberId, FacePurpose purpose);

    /** The authoritative result of a session; PENDING while the member has not finished. */
    Uni<ProviderOutcome> query(String providerRef);

    record CertifySession(String providerRef, String certifyUrl) {
    }

    enum ProviderOutcome {
        PENDING, PASS, FAIL
    }
}
