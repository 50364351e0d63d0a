package cn.hpf.mobile.partner.channel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChannelKeyRequest", description = "Another request-signing key for a partner app (rotation).")
public record ChannelKeyRequest(
        @Schema(examples = "partner-key-2") String keyId,
        @Schema(description = "RSA, at least 2048 bits, SPKI PEM") String publicKeyPem) {
}
