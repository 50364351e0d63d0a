package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The sandbox face provider: behaves like a real one (sessions on its side, a signed callback, results queried
 * afterwards) so that the demo and load tests run end to end. Its sessions live in PostgreSQL because several
 * replicas serve the sandbox. Selected only when hpf.sandbox.enabled=true.
 */
@ApplicationScoped
@Typed(SandboxFaceProvider.class)
public class SandboxFaceProvider implements FaceVerificationProvider {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool db;
    private final FaceConfig config;
    private final FaceProviderSettings settings;
    private final FaceCallbackHandler callbacks;
    private final ObjectMapper json;
    private final Clock clock;

    public SandboxFaceProvider(Pool db, FaceConfig config, FaceProviderSettings settings,
                               FaceCallbackHandler callbacks, ObjectMapper json, Clock clock) {
        this.db = db;
        this.config = config;
        this.settings = settings;
        this.callbacks = callbacks;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<CertifySession> initialize(UUID verificationId, long memberId, FacePurpose purpose) {
        String providerRef = "sbx_" + randomHex(12);
        return db.preparedQuery("INSERT INTO sandbox_face_session (provider_ref, verification_id) VALUES ($1, $2)")
                .execute(Tuple.of(providerRef, verificationId))
                .map(ignored -> new CertifySession(providerRef, config.sandbox().certifyBaseUrl() + providerRef));
    }

    @Override
    public Uni<ProviderOutcome> query(String providerRef) {
        return db.preparedQuery("SELECT outcome FROM sandbox_face_session WHERE provider_ref = $1")
                .execute(Tuple.of(providerRef))
                .map(rows -> {
                    var it = rows.iterator();
                    String outcome = it.hasNext() ? it.next().getString(0) : null;
                    return outcome == null ? ProviderOutcome.PENDING : ProviderOutcome.valueOf(outcome);
                });
    }

    /**
     * What the member's liveness check in the provider SDK would do: fixes the session's outcome (once, like a real
     * provider) and reports it through the signed callback path, finishing before it answers so a load test can
     * withdraw right after.
     */
    public Uni<FaceVerification> complete(String providerRef, SandboxOutcome outcome) {
        return db.preparedQuery("UPDATE sandbox_face_session SET outcome = COALESCE(outcome, $2), "
                        + "completed_at = COALESCE(completed_at, now()) WHERE provider_ref = $1 "
                        + "RETURNING outcome, verification_id")
                .execute(Tuple.of(providerRef, outcome.name()))
                .chain(rows -> {
                    Row row = first(rows);
                    if (row == null) {
                        return Uni.createFrom().failure(FaceVerificationService.notFound());
                    }
                    if (!outcome.name().equals(row.getString(0))) {
                        return Uni.createFrom().failure(ApiException.conflict("FACE_SESSION_ALREADY_COMPLETED",
                                "This liveness session already ended with " + row.getString(0) + "."));
                    }
                    return deliverCallback(providerRef, row.getUUID(1), outcome);
                });
    }

    private Uni<FaceVerification> deliverCallback(String providerRef, UUID verificationId, SandboxOutcome outcome) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(
                    new FaceProviderCallback(providerRef, verificationId.toString(), outcome.name()));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = randomHex(16);
        String signature = CallbackSignature.sign(settings.callbackSecret(), timestamp, nonce, body);
        return callbacks.receive(timestamp, nonce, signature, body);
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
