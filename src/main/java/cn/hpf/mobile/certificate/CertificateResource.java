package cn.hpf.mobile.certificate;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.idempotency.Idempotency;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

@Path("/v1/me/certificates")
@Tag(name = "certificates")
@RolesAllowed(TokenService.MEMBER)
@SecurityRequirement(name = "memberJwt")
public class CertificateResource {

    public static final String PDF = "application/pdf";

    private final CertificateService service;
    private final CertificateRepository certificates;
    private final CertificatePdf pdf;
    private final JsonWebToken jwt;

    public CertificateResource(CertificateService service, CertificateRepository certificates, CertificatePdf pdf,
                               JsonWebToken jwt) {
        this.service = service;
        this.certificates = certificates;
        this.pdf = pdf;
        this.jwt = jwt;
    }

    // The certificate and its idempotency record are one transaction; a client that hangs up gets the kept answer
    // on its retry instead of a half-finished chain.
    @Cancellable(false)
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueCertificate", summary = "Issue a deposit certificate (缴存证明)",
            description = "Fixes what the certificate states at this moment — the member (ID number masked), the "
                    + "employer, the deposit base and rates, each month's 汇缴 deposit over the period and the "
                    + "balance — and gives it a random verification code, valid for 90 days. Download the signed "
                    + "PDF by id; a third party checks it by the code (the PDF's QR code). Retry with the same "
                    + "Idempotency-Key: the first 201 is replayed with Idempotent-Replayed: true.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificateIssued.class)),
            headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a replayed answer"))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_INVALID, or "
            + "INVALID_PARAMETER naming the field: type other than DEPOSIT, a month not YYYY-MM, `to` after the "
            + "current month, `from` after `to`, more than 36 months")
    @APIResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND: the caller has no HPF account")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_FLIGHT: an attempt with the same key is "
            + "still being processed")
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key was used with another body")
    public Uni<Response> issue(
            @Parameter(in = ParameterIn.HEADER, name = Idempotency.HEADER, required = true,
                    description = "1–255 characters, reused on every retry of this request")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            CertificateRequest body) {
        return Uni.createFrom().deferred(() -> service.issue(Caller.memberId(jwt), idempotencyKey, body));
    }

    @GET
    @Path("/{id}/pdf")
    @NonBlocking
    @Produces(PDF)
    @Operation(operationId = "downloadCertificatePdf", summary = "The certificate as a signed PDF",
            description = "A one-page A4 PDF in Chinese with English labels, rendered from what was fixed at issue "
                    + "and signed by the centre (PAdES-compatible adbe.pkcs7.detached, SHA-256): any change to the "
                    + "file breaks the signature. Carries the verification code and a QR code to the public "
                    + "verification.")
    @APIResponse(responseCode = "200", description = "The signed PDF",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "CERTIFICATE_NOT_FOUND (also another member's)")
    public Uni<Response> pdf(@PathParam("id") String id) {
        return Uni.createFrom().deferred(() -> certificates.findOwn(Caller.memberId(jwt), parseId(id)))
                .onItem().ifNull().failWith(CertificateResource::notFound)
                // Rendering and signing are CPU work: off the event loop, after the session is done with.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(c -> Response.ok(pdf.signedPdf(c), PDF)
                        .header("Content-Disposition", "attachment; filename=\"deposit-certificate-" + c.id + ".pdf\"")
                        .header("Cache-Control", "private, no-store")
                        .build());
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    static ApiException notFound() {
        return ApiException.notFound("CERTIFICATE_NOT_FOUND", "No such certificate among yours.");
    }
}
