package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.ratelimit.RateLimiter;
import cn.hpf.mobile.faceauth.FaceVerificationProvider.ProviderOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class FaceVerificationService {

    private final FaceVerificationRepository verifications;
    private final FaceVerificationProvider provider;
    private final FaceConfig config;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    public FaceVerificationService(FaceVerificationRepository verifications, FaceVerificationProvider provider,
                                   FaceConfig config, RateLimiter rateLimiter, Clock clock) {
        this.verifications = verifications;
        this.provider = provider;
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    public OffsetDateTime now() {
        // PostgreSQL keeps microseconds: truncating here makes what we answer equal what we stored.
        return OffsetDateTime.now(clock).atZoneSameInstant(Zones.SHANGHAI).toOffsetDateTime()
                .truncatedTo(ChronoUnit.MICROS);
    }

    public Uni<FaceVerification> create(Caller caller, FacePurpose purpose) {
        UUID id = UUID.randomUUID();
        return provider.initialize(id, caller.memberId(), purpose).chain(session -> {
            OffsetDateTime now = now();
            return verifications.insert(id, caller.memberId(), purpose, session.providerRef(), session.certifyUrl(),
                    caller.channel().name(), now, now.plus(config.pendingTtl()));
        });
    }

    /**
     * Records a verification whose liveness check the caller's platform ran ({@code certifyId}, its result asked
     * of that platform). The same certify id again answers the verification it made, for the same member and
     * purpose; for anything else it is 409 CERTIFY_ID_USED.
     */
    public Uni<FaceVerification> recordCertified(Caller caller, FacePurpose purpose, String certifyId, boolean passed) {
        String providerRef = "certify:" + caller.appId() + ":" + certifyId;
        OffsetDateTime now = now();
        return verifications.insertCertified(UUID.randomUUID(), caller.memberId(), purpose, providerRef,
                        caller.channel().name(), caller.appId(), passed, now, now.plus(config.usableFor()))
                .onItem().ifNull().switchTo(() -> verifications.findByProviderRef(providerRef).map(existing -> {
                    if (existing == null || existing.memberId() != caller.memberId() || existing.purpose() != purpose) {
                        throw ApiException.conflict("CERTIFY_ID_USED",
                                "This certifyId already authorized another verification.");
                    }
                    return existing;
                }));
    }

    /** Who a consumed SIGN_IN verification signs in, and through which channel she started it. */
    public record SignIn(long memberId, String memberNo, String channel) {
    }

    /** Any member's verification, or null: for sign-in, where there is no caller yet. */
    public Uni<FaceVerification> find(UUID id) {
        return verifications.find(id);
    }

    /** By the provider's session reference, or null. */
    public Uni<FaceVerification> findByProviderRef(String providerRef) {
        return verifications.findByProviderRef(providerRef);
    }

    /** Consumes a passed SIGN_IN verification (once); null when it is not one, or not any more. */
    public Uni<SignIn> consumeForSignIn(UUID id) {
        return verifications.consumeForSignIn(id, now());
    }

    public Uni<FaceVerification> findOwned(long memberId, UUID id) {
        return verifications.findOwned(memberId, id)
                .onItem().ifNull().failWith(FaceVerificationService::notFound);
    }

    /**
     * Applies what the provider says is the final result. Only a PENDING row changes; anything else (a repeated
     * callback, a verification already used) is returned as it is. A failed action verification counts toward the
     * member's face lockout (RateLimiter); a failed face sign-in does not, or anyone knowing her login could lock her
     * out of withdrawals.
     */
    public Uni<FaceVerification> apply(String providerRef, ProviderOutcome outcome) {
        if (outcome == ProviderOutcome.PENDING) {
            return current(providerRef);
        }
        OffsetDateTime now = now();
        return verifications.applyResult(providerRef, outcome == ProviderOutcome.PASS, now,
                        now.plus(config.usableFor()))
                .call(v -> v != null && v.status() == FaceStatus.FAILED && v.purpose() != FacePurpose.SIGN_IN
                        ? rateLimiter.failed(RateLimiter.Action.FACE, RateLimiter.member(v.memberId()), null)
                        : Uni.createFrom().voidItem())
                .onItem().ifNull().switchTo(() -> current(providerRef));
    }

    private Uni<FaceVerification> current(String providerRef) {
        return verifications.findByProviderRef(providerRef)
                .onItem().ifNull().failWith(FaceVerificationService::notFound);
    }

    static ApiException notFound() {
        return ApiException.notFound("FACE_VERIFICATION_NOT_FOUND", "No such face verification for this member.");
    }
}
