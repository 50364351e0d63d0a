package cn.hpf.mobile.certificate;

import cn.hpf.mobile.common.ApiException;
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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HexFormat;
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
    private final VerificationRateLimit rateLimit;
    private final Clock clock;

    public VerificationResource(CertificateRepository certificates, VerificationRateLimit rateLimit, Clock clock) {
        this.certificates = certificates;
        this.rateLimit = rateLimit;
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
                    + "member number, phone or cards. Rate limited per client address.")
    @APIResponse(responseCode = "200", description = "Authentic and still valid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificateVerification.class)))
    @APIResponse(responseCode = "404", description = "CERTIFICATE_NOT_FOUND: no certificate has this code, or it has "
            + "expired")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many verifications from this address",
            headers = @Header(name = "Retry-After", description = "Seconds until the next window"))
    // Personal data, if only partly: no shared cache may keep it.
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<CertificateVerification> verify(
            @Parameter(description = "The verification code printed on the certificate and carried by its QR code")
            @PathParam("code") String code,
            @Context HttpServerRequest request) {
        return rateLimit.acquire(clientAddress(request))
                .chain(() -> CODE.matcher(code).matches() ? certificates.findByCode(code)
                        : Uni.createFrom().nullItem())
                .map(c -> {
                    if (c == null || !c.validUntil.toInstant().isAfter(clock.instant())) {
                        throw ApiException.notFound("CERTIFICATE_NOT_FOUND",
                                "No valid certificate has this code: it is unknown or has expired.");
                    }
                    return CertificateVerification.of(c);
                });
    }

    /** The peer's address; behind a proxy, the forwarded one when quarkus.http.proxy forwarding is on. */
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : countedAs(request.remoteAddress().hostAddress());
    }

    /**
     * What a client is counted as: its IPv4 address, or its IPv6 /64 — one subscriber is given a whole /64, and
     * counting single IPv6 addresses would give it more fresh windows than it could ever use.
     */
    static String countedAs(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal address is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64"
                    : InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
