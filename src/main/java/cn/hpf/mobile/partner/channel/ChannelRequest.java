package cn.hpf.mobile.partner.channel;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChannelRequest", description = "A partner app to register.")
public record ChannelRequest(
        @Schema(examples = "支付宝 Alipay") String name,
        @Schema(description = "The partner's first request-signing key: RSA, at least 2048 bits, SPKI PEM") String publicKeyPem,
        @Schema(examples = "partner-key-1") String keyId,
        @Schema(examples = "https://partner.example/hpf/notify") String notifyUrl,
        @Schema(examples = "https://partner.example/hpf/consent") String redirectUri,
        @Schema(examples = "[\"account\", \"withdrawal\"]") List<String> scopes,
        @Schema(examples = "200") Integer rateLimitPerSecond) {
}
