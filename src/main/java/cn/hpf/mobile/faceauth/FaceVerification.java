package cn.hpf.mobile.faceauth;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A face verification row as stored; {@link #statusAt} gives what the member sees at a moment. */
public record FaceVerification(
        UUID id,
        long memberId,
        FacePurpose purpose,
        FaceStatus status,
        String providerRef,
        String certifyUrl,
        OffsetDateTime expiresAt,
        OffsetDateTime passedAt,
        OffsetDateTime usableUntil) {

    /** Expired rows read as EXPIRED at once, before the sweep job gets to them. */
    public FaceStatus statusAt(OffsetDateTime now) {
        if (status == FaceStatus.PENDING && !now.isBefore(expiresAt)) {
            return FaceStatus.EXPIRED;
        }
        if (status == FaceStatus.PASSED && usableUntil != null && !now.isBefore(usableUntil)) {
            return FaceStatus.EXPIRED;
        }
        return status;
    }
}
