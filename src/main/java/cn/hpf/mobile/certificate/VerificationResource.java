package cn.hpf.mobile.certificate;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.ClientAddress;
import cn.hpf.mobile.common.ratelimit.RateLimiter;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

@Path("/v1/certificates/verify")
@Tag(name = "certificates")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9_-]{22,64}$");

    private final CertificateRepository certificates;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    public VerificationResource(CertificateRepository certificates, RateLimiter rateLimiter, Clock clock) {
        this.certificates = certificates;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    @GET
    @Path("/{code}")
    @NonBlocking
    @Operation(operationId = "verifyCertificate", summary = "Verify a certificate by its code (public)",
            description = "What the QR code on a certificate opens: confirms that the centre issued it and shows what "
                    + "a lender, landlord or visa office needs to compare with the paper — the member's family name "
                    + "and masked ID number, the employer, each month's deposit and status, the balance stated, "
                    + "and when it was issued and until when it holds. Never the full name or ID number, the "
                    + "member number, phone or cards. Rate limited per client address, and the address locked for a "
                    + "while after repeated unknown codes (hpf.rate-limit.certificate).")
    @APIResponse(responseCode = "200", description = "Authentic and still valid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificateVerification.class)))
    @APIResponse(responseCode = "404", description = "CERTIFICATE_NOT_FOUND: no certificate has this code, or it has "
            + "expired")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many verifications from this address, or "
            + "locked after repeated unknown codes", headers = @Header(name = "Retry-After",
            description = "Seconds until the next verification can be made"))
    // Personal data, if only partly: no shared cache may keep it.
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<CertificateVerification> verify(
            @Parameter(description = "The verification code printed on the certificate and carried by its QR code")
            @PathParam("code") String code,
            @Context HttpServerRequest request) {
        String address = ClientAddress.countedAs(request);
        return rateLimiter.acquire(RateLimiter.Action.CERTIFICATE, null, address)
                .chain(() -> CODE.matcher(code).matches() ? certificates.findByCode(code)
                        : Uni.createFrom().nullItem())
                .chain(c -> {
                    if (c == null || !c.validUntil.toInstant().isAfter(clock.instant())) {
                        // Codes are unguessable: an address that keeps missing is trying them in bulk.
                        return rateLimiter.failed(RateLimiter.Action.CERTIFICATE, null, address)
                                .chain(() -> Uni.createFrom().<CertificateVerification>failure(ApiException.notFound(
                                        "CERTIFICATE_NOT_FOUND",
                                        "No valid certificate has this code: it is unknown or has expired.")));
                    }
                    return Uni.createFrom().item(CertificateVerification.of(c));
                });
    }
}
