package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.Zones;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class FaceVerificationRepository {

    private static final String COLUMNS = "id, member_id, purpose, status, provider_ref, certify_url, expires_at, "
            + "passed_at, usable_until";

    private final Pool db;

    public FaceVerificationRepository(Pool db) {
        this.db = db;
    }

    public Uni<FaceVerification> insert(UUID id, long memberId, FacePurpose purpose, String providerRef,
                                        String certifyUrl, String channel, OffsetDateTime now,
                                        OffsetDateTime expiresAt) {
        return db.preparedQuery("INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, "
                        + "certify_url, channel, created_at, expires_at) VALUES ($1, $2, $3, 'PENDING', $4, $5, $6, $7, $8) "
                        + "RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {id, memberId, purpose.name(), providerRef, certifyUrl, channel, now,
                        expiresAt}))
                .map(FaceVerificationRepository::firstOrNull);
    }

    /**
     * A verification whose liveness check another platform ran (a partner's), recorded with its result at once.
     * The platform's certify id is the provider reference: one certify id authorizes at most one verification.
     * Returns null when that certify id was recorded before.
     */
    public Uni<FaceVerification> insertCertified(UUID id, long memberId, FacePurpose purpose, String providerRef,
                                                 String channel, String appId, boolean passed, OffsetDateTime now,
                                                 OffsetDateTime usableUntil) {
        return db.preparedQuery("INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, "
                        + "certify_url, channel, app_id, created_at, expires_at, passed_at, usable_until) "
                        + "VALUES ($1, $2, $3, CASE WHEN $8 THEN 'PASSED' ELSE 'FAILED' END, $4, '', $5, $6, $7, $7, "
                        + "CASE WHEN $8 THEN $7 END, CASE WHEN $8 THEN $9::timestamptz END) "
                        + "ON CONFLICT (provider_ref) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {id, memberId, purpose.name(), providerRef, channel, appId, now, passed,
                        usableUntil}))
                .map(FaceVerificationRepository::firstOrNull);
    }

    /** Only the owner's: another member's verification is indistinguishable from an unknown one. */
    public Uni<FaceVerification> findOwned(long memberId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM face_verification WHERE id = $1 AND member_id = $2")
                .execute(Tuple.of(id, memberId))
                .map(FaceVerificationRepository::firstOrNull);
    }

    /** Any member's: for sign-in, where the caller has no token yet and the id itself is what she holds. */
    public Uni<FaceVerification> find(UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM face_verification WHERE id = $1")
                .execute(Tuple.of(id))
                .map(FaceVerificationRepository::firstOrNull);
    }

    /**
     * Consumes a PASSED, still usable SIGN_IN verification in one statement (PASSED → CONSUMED under its row lock),
     * so it signs in once. Returns the member and channel, or null when it was not such a verification any more.
     */
    public Uni<FaceVerificationService.SignIn> consumeForSignIn(UUID id, OffsetDateTime now) {
        return db.preparedQuery("UPDATE face_verification f SET status = 'CONSUMED', consumed_by = 'sign-in:' || f.id, "
                        + "consumed_at = $2 WHERE f.id = $1 AND f.purpose = 'SIGN_IN' AND f.status = 'PASSED' "
                        + "AND f.usable_until > $2 "
                        + "RETURNING f.member_id, (SELECT m.member_no FROM member m WHERE m.id = f.member_id), f.channel")
                .execute(Tuple.of(id, now))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new FaceVerificationService.SignIn(r.getLong(0), r.getString(1), r.getString(2));
                });
    }

    public Uni<FaceVerification> findByProviderRef(String providerRef) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM face_verification WHERE provider_ref = $1")
                .execute(Tuple.of(providerRef))
                .map(FaceVerificationRepository::firstOrNull);
    }

    /**
     * Applies the provider's final result to a PENDING verification, once: rows in any other state are left alone,
     * so a repeated or late callback can never flip PASSED/FAILED or revive a CONSUMED one. A result arriving after
     * the session's deadline expires it instead. Returns null when nothing changed.
     */
    public Uni<FaceVerification> applyResult(String providerRef, boolean passed, OffsetDateTime now,
                                             OffsetDateTime usableUntil) {
        return db.preparedQuery("UPDATE face_verification SET "
                        + "status = CASE WHEN expires_at <= $2::timestamptz THEN 'EXPIRED' WHEN $3::boolean THEN 'PASSED' ELSE 'FAILED' END, "
                        + "passed_at = CASE WHEN expires_at > $2 AND $3 THEN $2::timestamptz END, "
                        + "usable_until = CASE WHEN expires_at > $2 AND $3 THEN $4::timestamptz END "
                        + "WHERE provider_ref = $1 AND status = 'PENDING' RETURNING " + COLUMNS)
                .execute(Tuple.of(providerRef, now, passed, usableUntil))
                .map(FaceVerificationRepository::firstOrNull);
    }

    /** Marks PENDING and PASSED rows past their deadline; a plain conditional UPDATE, safe on any number of nodes. */
    public Uni<Integer> expire(OffsetDateTime now) {
        return db.preparedQuery("UPDATE face_verification SET status = 'EXPIRED' "
                        + "WHERE (status = 'PENDING' AND expires_at <= $1) OR (status = 'PASSED' AND usable_until <= $1)")
                .execute(Tuple.of(now))
                .map(RowSet::rowCount);
    }

    private static FaceVerification firstOrNull(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private static FaceVerification map(Row r) {
        return new FaceVerification(r.getUUID(0), r.getLong(1), FacePurpose.valueOf(r.getString(2)),
                FaceStatus.valueOf(r.getString(3)), r.getString(4), r.getString(5), local(r.getOffsetDateTime(6)),
                local(r.getOffsetDateTime(7)), local(r.getOffsetDateTime(8)));
    }

    private static OffsetDateTime local(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(Zones.SHANGHAI).toOffsetDateTime();
    }
}
