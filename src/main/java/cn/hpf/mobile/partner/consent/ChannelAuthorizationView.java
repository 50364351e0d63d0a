package cn.hpf.mobile.partner.consent;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ChannelAuthorization", description = "A partner app the member lets act for her.")
public record ChannelAuthorizationView(
        @Schema(examples = "2026000000000001") String appId,
        @Schema(examples = "支付宝 Alipay") String name,
        @Schema(examples = "[\"account\", \"withdrawal\"]") List<String> scopes,
        OffsetDateTime grantedAt) {

    @Schema(name = "ChannelAuthorizationList")
    public record Page(List<ChannelAuthorizationView> items) {
    }
}
