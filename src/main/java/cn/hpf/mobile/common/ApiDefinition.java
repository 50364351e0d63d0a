package cn.hpf.mobile.common;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Document-level OpenAPI facts; the checked-in contract is openapi/hpf-mobile.yaml (a test keeps them equal). */
@OpenAPIDefinition(
        info = @Info(title = "hpf-mobile API", version = "1.0.0",
                description = "Mobile office of a Housing Provident Fund centre: balances and statements, "
                        + "face-verified withdrawals paid to a bank card in seconds, loans and a payment calculator. "
                        + "Money is always an integer number of fen (fields end in `Fen`); rates are decimal "
                        + "fractions. Every error is RFC 9457 application/problem+json with a stable `code`. "
                        + ApiDefinition.LIMITS),
        // Referenced by every error response through ProblemResponsesFilter rather than by each annotation.
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)),
        servers = @Server(url = "http://localhost:8080", description = "Local sandbox (bin/run)"),
        tags = {
                @Tag(name = "auth", description = "Tokens for members and operators"),
                @Tag(name = "account", description = "公积金查询: balance and statements"),
                @Tag(name = "face-verification", description = "刷脸: face verification sessions"),
                @Tag(name = "withdrawals", description = "刷脸提取: withdrawals paid out in real time"),
                @Tag(name = "loans", description = "贷款概览 and early repayment"),
                @Tag(name = "calculator", description = "月供计算 and loan quota, public"),
                @Tag(name = "outlets", description = "就近办: outlets and banks nearest first, public"),
                @Tag(name = "operations", description = "Operators: reconciliation and figures"),
                @Tag(name = "callbacks", description = "Signed callbacks from outside providers"),
                @Tag(name = "sandbox",
                        description = "Sandbox only: drive the sandbox face provider, bank and transfer platform"),
                @Tag(name = "partner-channels", description = "Partner apps: registration, consent, deliveries"),
                @Tag(name = "transfers", description = "异地转移接续: the balance follows the member between cities"),
                @Tag(name = "certificates", description = "缴存证明: deposit certificates and their public verification"),
                @Tag(name = "partner-keys", description = "Partner API: the centre's signing keys"),
                @Tag(name = "partner-oauth", description = "Partner API: member tokens from a consent"),
                @Tag(name = "partner-member", description = "Partner API: the member's account, cards, face"),
                @Tag(name = "partner-money", description = "Partner API: withdrawals, loans, prepayments"),
                @Tag(name = "partner-calculator", description = "Partner API: the calculator"),
                @Tag(name = "partner-events", description = "Partner API: the catch-up feed of notifications")})
@SecurityScheme(securitySchemeName = "memberJwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A member access token: ours (RS256, 15 minutes, from a sign-in) or one of "
                + "the centre's identity provider (OpenID Connect, see GET /v1/auth/sign-in-options)")
@SecurityScheme(securitySchemeName = "operatorJwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An operator access token: ours, or one of the centre's identity provider "
                + "carrying the configured operator role")
@SecurityScheme(securitySchemeName = "partnerSignature", type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "Authorization",
        description = "HPF-SHA256-RSA2048 app_id=\"…\",key_id=\"…\",timestamp=\"…\",nonce=\"…\",signature=\"…\": "
                + "RSASSA-PKCS1-v1_5 SHA-256 over METHOD, request-target, timestamp, nonce and body, each followed "
                + "by a newline (partner-client/test-vectors.json)")
@SecurityScheme(securitySchemeName = "memberToken", type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "Hpf-Member-Token",
        description = "A member access token from POST /partner/v1/oauth/token")
public class ApiDefinition extends Application {

    /** The request limits (common/http), said once for every operation; the partner contract repeats them. */
    static final String LIMITS = "A request body is application/json in UTF-8 (else 415 UNSUPPORTED_MEDIA_TYPE) "
            + "of at most 64 KiB (413 BODY_TOO_LARGE); a key given twice is 400 DUPLICATE_JSON_KEY, objects and "
            + "arrays nested deeper than 32 are 400 JSON_TOO_DEEP, and fields the API does not know are ignored. A "
            + "request target longer than 4,096 characters is 414 URI_TOO_LONG, headers over 16 KiB are 431 "
            + "HEADERS_TOO_LARGE, an Accept without application/json is 406 NOT_ACCEPTABLE.";
}
