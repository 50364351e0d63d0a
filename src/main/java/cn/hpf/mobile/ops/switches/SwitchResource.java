package cn.hpf.mobile.ops.switches;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.ClientAddress;
import cn.hpf.mobile.common.UnreadableBodyException;
import cn.hpf.mobile.ops.OpsConfig;
import cn.hpf.mobile.payout.PayoutDispatcher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operators pause and resume admissions and payouts for the whole cluster. The switch is a row in PostgreSQL and
 * each action is written with its audit row in the same statement (audit_log, append-only).
 */
@Path("/v1/ops")
@Tag(name = "operations")
@RolesAllowed(TokenService.OPERATOR)
@SecurityRequirement(name = "operatorJwt")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchResource {

    static final int MAX_REASON = 500;

    private final SwitchRepository repository;
    private final ClusterSwitches switches;
    private final OpsConfig config;
    private final PayoutDispatcher dispatcher;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    public SwitchResource(SwitchRepository repository, ClusterSwitches switches, OpsConfig config,
                          PayoutDispatcher dispatcher, JsonWebToken jwt, ObjectMapper json) {
        this.json = json;
        this.repository = repository;
        this.switches = switches;
        this.config = config;
        this.dispatcher = dispatcher;
        this.jwt = jwt;
    }

    @GET
    @Path("/switches")
    @NonBlocking
    @Operation(operationId = "getClusterSwitches", summary = "Whether admissions and payouts are paused, by whom, since "
            + "when and why", description = "Read from PostgreSQL, so every replica answers the same.")
    @APIResponse(responseCode = "200", description = "Both switches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Switches.class)))
    public Uni<Switches> get() {
        return repository.read().map(all -> new Switches(all.get(ClusterSwitch.ADMISSIONS),
                all.get(ClusterSwitch.PAYOUTS), config.switchPoll().toMillis()));
    }

    @POST
    @Path("/admissions/pause")
    @NonBlocking
    @Operation(operationId = "pauseAdmissions", summary = "Pause new withdrawals on every replica",
            description = "New withdrawals (members' and partners') are refused with 503 ADMISSIONS_PAUSED and a "
                    + "Retry-After until admissions are resumed; every replica follows within `followedWithinMs` "
                    + "(GET /v1/ops/switches). Admitted withdrawals are still paid. Audited; pausing what is paused "
                    + "changes nothing and is audited too.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SwitchChange.class)))
    @APIResponse(responseCode = "200", description = "The switch now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SwitchState.class)))
    @APIResponse(responseCode = "400", description = "reason longer than 500 characters")
    public Uni<SwitchState> pauseAdmissions(String body) {
        return set(ClusterSwitch.ADMISSIONS, true, body);
    }

    @POST
    @Path("/admissions/resume")
    @NonBlocking
    @Operation(operationId = "resumeAdmissions", summary = "Resume new withdrawals on every replica",
            description = "Every replica admits again within `followedWithinMs`. Audited.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SwitchChange.class)))
    @APIResponse(responseCode = "200", description = "The switch now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SwitchState.class)))
    @APIResponse(responseCode = "400", description = "reason longer than 500 characters")
    public Uni<SwitchState> resumeAdmissions(String body) {
        return set(ClusterSwitch.ADMISSIONS, false, body);
    }

    @POST
    @Path("/payouts/pause")
    @NonBlocking
    @Operation(operationId = "pausePayouts", summary = "Hold payouts on every replica",
            description = "No payout is claimed from the moment the pause commits (the claim reads the switch in its "
                    + "own statement); payouts already sent to the bank finish. Admitted withdrawals wait, ACCEPTED or "
                    + "with their unknown outcome unasked, and are paid once payouts resume: none lost, none paid "
                    + "twice. Admissions go on. Audited.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SwitchChange.class)))
    @APIResponse(responseCode = "200", description = "The switch now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SwitchState.class)))
    @APIResponse(responseCode = "400", description = "reason longer than 500 characters")
    public Uni<SwitchState> pausePayouts(String body) {
        return set(ClusterSwitch.PAYOUTS, true, body);
    }

    @POST
    @Path("/payouts/resume")
    @NonBlocking
    @Operation(operationId = "resumePayouts", summary = "Resume payouts on every replica",
            description = "The waiting withdrawals are claimed and paid, this replica at once, the others within "
                    + "`followedWithinMs`. Audited.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SwitchChange.class)))
    @APIResponse(responseCode = "200", description = "The switch now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SwitchState.class)))
    @APIResponse(responseCode = "400", description = "reason longer than 500 characters")
    public Uni<SwitchState> resumePayouts(String body) {
        return set(ClusterSwitch.PAYOUTS, false, body);
    }

    /**
     * The body is optional (an operator in a hurry gives no reason), so it is read by hand: a JSON parameter would
     * answer 415 to a POST without a Content-Type.
     */
    private Uni<SwitchState> set(ClusterSwitch which, boolean paused, String body) {
        SwitchChange change;
        try {
            change = body == null || body.isBlank() ? null : json.readValue(body, SwitchChange.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableBodyException(e);
        }
        String reason = change == null || change.reason() == null || change.reason().isBlank() ? null
                : change.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "reason must be at most " + MAX_REASON + " characters.");
        }
        String operator = jwt.getSubject();
        return repository.set(which, paused, operator, reason, ClientAddress.current())
                .invoke(switches::learn)
                .invoke(state -> {
                    if (which == ClusterSwitch.PAYOUTS && !state.paused()) {
                        dispatcher.wake();
                    }
                });
    }
}
