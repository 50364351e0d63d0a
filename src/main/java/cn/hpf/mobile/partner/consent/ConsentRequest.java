package cn.hpf.mobile.partner.consent;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConsentRequest", description = "The member approves a partner app's request to act for her.")
public record ConsentRequest(
        @Schema(examples = "2026000000000001") String appId,
        @Schema(type = SchemaType.ARRAY, implementation = String.class,
                description = "Scopes, as a list (or one space- or comma-separated string)",
                examples = "[\"account\", \"withdrawal\"]") Object scopes,
        @Schema(description = "Exactly the app's registered redirectUri",
                examples = "https://partner.example/hpf/consent") String redirectUri,
        @Schema(description = "The partner's own value, handed back unchanged", examples = "xyz-123") String state,
        @Schema(description = "BASE64URL(SHA-256(code verifier)), 43 characters",
                examples = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM") String codeChallenge,
        @Schema(enumeration = "S256") String codeChallengeMethod) {
}
