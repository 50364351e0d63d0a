package cn.hpf.mobile.partner.channel;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Channel", description = "A registered partner app, as operators see it.")
public record ChannelView(
        @Schema(examples = "2026000000000001") String appId,
        @Schema(examples = "支付宝 Alipay") String name,
        @Schema(examples = "https://partner.example/hpf/notify") String notifyUrl,
        @Schema(examples = "https://partner.example/hpf/consent") String redirectUri,
        @Schema(examples = "[\"account\", \"withdrawal\"]") List<String> scopes,
        @Schema(examples = "200") int rateLimitPerSecond,
        @Schema(enumeration = {"ACTIVE", "SUSPENDED"}) String status,
        List<Key> keys,
        OffsetDateTime createdAt) {

    @Schema(name = "ChannelKey", description = "A partner's request-signing key.")
    public record Key(@Schema(examples = "partner-key-1") String keyId,
                      @Schema(enumeration = {"ACTIVE", "RETIRED"}) String status,
                      OffsetDateTime createdAt, OffsetDateTime retiredAt) {
    }
}
