package cn.hpf.mobile.audit;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What verifying the chain of seals found. */
@Schema(name = "AuditVerification")
public record AuditVerification(
        @Schema(description = "Every seal intact, chained, signed by a configured key and matching its rows",
                required = true) boolean ok,
        @Schema(description = "Seals checked (up to the first broken one)", required = true) long sealsChecked,
        @Schema(description = "Audit rows those seals cover", required = true) long rowsChecked,
        @Schema(description = "The last intact seal. Seals are signed with a key the database does not hold, so a "
                + "rewrite of every seal from some point on is reported (SEAL_FORGED); its hash, compared with a "
                + "copy kept elsewhere, also shows seals cut off at the end", nullable = true)
        SealView lastSeal,
        @Schema(description = "Rows after the last seal, not sealed yet (the sealing job seals rows once older "
                + "than its safety margin)", required = true) long unsealedRows,
        @Schema(description = "The first broken seal, absent when ok", nullable = true) Broken broken) {

    @Schema(name = "AuditSeal")
    public record SealView(@Schema(required = true) long id, @Schema(required = true) long firstId,
                           @Schema(required = true) long lastId, @Schema(required = true) int rowCount,
                           @Schema(required = true) String hash,
                           @Schema(description = "The configured key the seal's MAC was made with",
                                   required = true, examples = "k1") String keyId,
                           @Schema(required = true) OffsetDateTime sealedAt) {
        static SealView of(AuditRepository.Seal s) {
            return new SealView(s.id(), s.firstId(), s.lastId(), s.rowCount(), s.hash(), s.keyId(), s.sealedAt());
        }
    }

    @Schema(name = "AuditBrokenSeal")
    public record Broken(
            @Schema(description = "The seal's id", required = true) long sealId,
            @Schema(required = true) long firstId,
            @Schema(required = true) long lastId,
            @Schema(description = "SEAL_MISSING (a seal's id does not follow the previous one), RANGE_GAP (its range "
                    + "does not start after the previous one's), CHAIN_BROKEN (it does not chain the previous seal's "
                    + "hash), SEAL_EDITED (its hash does not match its fields), SEAL_FORGED (its MAC is not that of "
                    + "the configured key it names, so written by someone without the key), ROWS_MISSING_OR_ADDED (its "
                    + "range holds another number of rows), ROWS_EDITED (its rows hash to something else)",
                    required = true)
            String reason,
            @Schema(required = true) String detail) {
    }
}
