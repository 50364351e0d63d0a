package cn.hpf.mobile.partner.consent;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConsentGranted", description = "A one-use code for the partner (5 minutes), and where to send it.")
public record ConsentGranted(
        @Schema(description = "At least 128 random bits; exchanged once at POST /partner/v1/oauth/token") String authCode,
        OffsetDateTime expiresAt,
        @Schema(examples = "https://partner.example/hpf/consent") String redirectUri,
        @Schema(examples = "xyz-123") String state) {
}
