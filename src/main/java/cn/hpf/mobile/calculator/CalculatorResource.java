package cn.hpf.mobile.calculator;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Params;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 月供计算 and 可贷额度: public, no login, pure functions of the query and the configured rules, so every answer
 * carries Cache-Control and a strong ETag. Parameters are parsed by hand so that a bad one is a 400 naming it.
 * The work is a few microseconds of arithmetic, cheap enough for the event loop.
 */
@Path("/v1/calculator")
@Tag(name = "calculator")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CalculatorResource {

    static final long MIN_PRINCIPAL_FEN = 100_000L;
    static final long MAX_PRINCIPAL_FEN = 10_000_000_000L;
    static final long MAX_AMOUNT_FEN = 1_000_000_000_000L;

    private final HttpCaching caching;
    private final LoanRates rates;
    private final LoanQuotaCalculator quotas;

    public CalculatorResource(HttpCaching caching, LoanRates rates, LoanQuotaCalculator quotas) {
        this.caching = caching;
        this.rates = rates;
        this.quotas = quotas;
    }

    @GET
    @Path("/monthly-payment")
    @NonBlocking
    @Operation(operationId = "calculateMonthlyPayment", summary = "月供计算: monthly payment, exact to the fen")
    @APIResponse(responseCode = "200", description = "The repayment; the schedule with schedule=true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MonthlyPaymentResult.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "A parameter is missing, not a number or out of range")
    public Response monthlyPayment(
            @Parameter(description = "100000 (1,000 CNY) … 10000000000", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, examples = "100000000"))
            @QueryParam("principalFen") String principalFen,
            @Parameter(description = "Fraction, 0 < rate ≤ 0.20, at most 6 decimals", required = true,
                    schema = @Schema(type = SchemaType.STRING, examples = "0.026"))
            @QueryParam("annualRate") String annualRate,
            @Parameter(description = "1 … 360", required = true, schema = @Schema(type = SchemaType.INTEGER, examples = "360"))
            @QueryParam("termMonths") String termMonths,
            @Parameter(required = true, schema = @Schema(implementation = RepaymentMethod.class))
            @QueryParam("method") String method,
            @Parameter(description = "true to list every period", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("schedule") String schedule,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return caching.ok(monthlyPaymentOf(principalFen, annualRate, termMonths, method, schedule), ifNoneMatch);
    }

    /** The monthly payment for these query parameters (also the partner API's); 400 on any bad one. */
    public static MonthlyPaymentResult monthlyPaymentOf(String principalFen, String annualRate, String termMonths,
                                                      String method, String schedule) {
        long principal = Params.longInRange(principalFen, "principalFen", MIN_PRINCIPAL_FEN, MAX_PRINCIPAL_FEN);
        BigDecimal rate = CalculatorParams.annualRate(annualRate, "annualRate").stripTrailingZeros();
        int term = (int) Params.longInRange(termMonths, "termMonths", 1, 360);
        RepaymentMethod m = Params.enumValue(method, "method", RepaymentMethod.class);
        if (m == null) {
            throw ApiException.invalidField("method", "method is required: EQUAL_INSTALMENT or EQUAL_PRINCIPAL.");
        }
        boolean withSchedule = CalculatorParams.bool(schedule, "schedule", false);
        if (!withSchedule) {
            return MonthlyPaymentResult.of(RepaymentEngine.summary(principal, rate, term, m), rate, term, m);
        }
        return MonthlyPaymentResult.of(RepaymentEngine.plan(principal, rate, term, m), rate, term, m, true);
    }

    @GET
    @Path("/rates")
    @NonBlocking
    @Operation(operationId = "listLoanRates", summary = "HPF loan rates in force, with their effective date")
    @APIResponse(responseCode = "200", description = "The rates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RatesResult.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "503", description = "Saturated (SERVICE_BUSY); retry after Retry-After seconds")
    public Response rates(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return caching.ok(rates.table(), ifNoneMatch);
    }

    @GET
    @Path("/loan-quota")
    @NonBlocking
    @Operation(operationId = "estimateLoanQuota", summary = "可贷额度: how much the applicants may borrow, and why")
    @APIResponse(responseCode = "200", description = "The quota, each limit and the one that binds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LoanQuotaResult.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    @APIResponse(responseCode = "400", description = "A parameter is missing, not a number or out of range")
    public Response loanQuota(
            @Parameter(description = "Monthly deposit base summed over the applicants", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, examples = "2400000"))
            @QueryParam("depositBaseFen") String depositBaseFen,
            @Parameter(description = "HPF balance summed over the applicants", required = true,
                    schema = @Schema(type = SchemaType.INTEGER, examples = "8000000"))
            @QueryParam("balanceFen") String balanceFen,
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, examples = "300000000"))
            @QueryParam("housePriceFen") String housePriceFen,
            @Parameter(description = "1 … 360", required = true, schema = @Schema(type = SchemaType.INTEGER, examples = "360"))
            @QueryParam("termMonths") String termMonths,
            @Parameter(description = "First home of the family (default true)", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("firstHome") String firstHome,
            @Parameter(description = "Two applicants, a married couple (default false)",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("couple") String couple,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        long base = Params.longInRange(depositBaseFen, "depositBaseFen", 0, MAX_AMOUNT_FEN);
        long balance = Params.longInRange(balanceFen, "balanceFen", 0, MAX_AMOUNT_FEN);
        long price = Params.longInRange(housePriceFen, "housePriceFen", 1, MAX_AMOUNT_FEN);
        int term = (int) Params.longInRange(termMonths, "termMonths", 1, 360);
        boolean first = CalculatorParams.bool(firstHome, "firstHome", true);
        boolean both = CalculatorParams.bool(couple, "couple", false);
        return caching.ok(quotas.quota(base, balance, price, term, first, both), ifNoneMatch);
    }
}
