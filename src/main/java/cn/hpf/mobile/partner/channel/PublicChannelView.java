package cn.hpf.mobile.partner.channel;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PublicChannel", description = "What the consent screen shows of a partner app.")
public record PublicChannelView(
        @Schema(examples = "2026000000000001") String appId,
        @Schema(examples = "支付宝 Alipay") String name,
        @Schema(examples = "[\"account\", \"withdrawal\"]") List<String> allowedScopes) {
}
