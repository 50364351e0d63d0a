package cn.hpf.mobile.partner.api;

import cn.hpf.mobile.calculator.CalculatorResource;
import cn.hpf.mobile.calculator.MonthlyPaymentResult;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.signing.PartnerGate;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The monthly-payment calculator for a partner app (scope calculator, no member). */
@Path("/partner/v1/calculator")
@Tag(name = "partner-calculator")
@PermitAll
@SecurityRequirement(name = "partnerSignature")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerCalculatorResource {

    private final PartnerGate gate;

    public PartnerCalculatorResource(PartnerGate gate) {
        this.gate = gate;
    }

    @GET
    @Path("/monthly-payment")
    @NonBlocking
    @Operation(operationId = "partnerMonthlyPayment", summary = "月供计算, exact to the fen (scope calculator)")
    @APIResponse(responseCode = "200", description = "As /v1/calculator/monthly-payment")
    @APIResponse(responseCode = "400", description = "A parameter is missing, not a number or out of range")
    public Uni<MonthlyPaymentResult> monthlyPayment(@Context HttpServerRequest request,
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("principalFen")
            String principalFen,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING)) @QueryParam("annualRate")
            String annualRate,
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("termMonths")
            String termMonths,
            @Parameter(required = true, schema = @Schema(implementation = RepaymentMethod.class))
            @QueryParam("method") String method,
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("schedule") String schedule) {
        return gate.admit(request, null, PartnerGate.Needs.app(Scope.CALCULATOR)).map(p ->
                CalculatorResource.monthlyPaymentOf(principalFen, annualRate, termMonths, method, schedule));
    }
}
