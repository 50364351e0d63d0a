package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Keyset position (created_at, id) of the last withdrawal a page showed; newer ones never shift later pages. */
record WithdrawalCursor(Instant createdAt, UUID id) {

    private static final String VERSION = "w1";

    String encode() {
        String raw = VERSION + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static WithdrawalCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII)
                    .split(":");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException(cursor);
            }
            return new WithdrawalCursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_CURSOR", "cursor is not one this API returned.", "cursor");
        }
    }
}
