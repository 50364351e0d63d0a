package cn.hpf.mobile.partner.consent;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PartnerTokens", description = "Member tokens: send accessToken as Hpf-Member-Token.")
public record TokenAnswer(
        String accessToken,
        @Schema(description = "Spent by its use: refreshing answers a new one") String refreshToken,
        @Schema(description = "Seconds the access token lives", examples = "7200") long expiresIn,
        @Schema(description = "The member as this app sees her: stable, opaque, different for every app",
                examples = "o_3n2Lk9QpR7vX1aB4cD5eF6gH") String openId,
        @Schema(examples = "[\"account\", \"withdrawal\"]") List<String> scopes) {

    static TokenAnswer of(PartnerTokens.Issued i) {
        return new TokenAnswer(i.accessToken(), i.refreshToken(), i.expiresIn(), i.openId(), i.scopes());
    }
}
