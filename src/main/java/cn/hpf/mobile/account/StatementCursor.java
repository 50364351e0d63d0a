package cn.hpf.mobile.account;

import cn.hpf.mobile.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Keyset position (occurred_at, id) of the last entry a page showed. Entries inserted meanwhile are newer, so
 * they sort before the cursor and never shift later pages.
 */
record StatementCursor(OffsetDateTime occurredAt, long id) {

    private static final String VERSION = "s1";

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt.toInstant());
        String raw = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static StatementCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException(raw);
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new StatementCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_CURSOR", "cursor is not one this API returned.", "cursor");
        }
    }
}
