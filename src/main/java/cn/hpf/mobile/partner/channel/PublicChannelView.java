package cn.hpf.mobile.partner.channel;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PublicChannel", description = "What the consent screen shows of an active partner app.")
public record PublicChannelView(
        @Schema(examples = "2026000000000001") String appId,
        @Schema(examples = "支付宝 Alipay") String name,
        @Schema(description = "The scopes the app may ask a member for", examples = "[\"account\", \"withdrawal\"]")
        List<String> allowedScopes,
        @Schema(description = "The one address the consent screen may send the member back to (with the code, or "
                + "with error=access_denied); any other is refused", examples = "https://partner.example/hpf/consent")
        String redirectUri,
        @Schema(description = "Always ACTIVE: a suspended app is 404", enumeration = "ACTIVE") String status) {
}
