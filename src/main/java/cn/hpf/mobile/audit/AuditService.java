package cn.hpf.mobile.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the audit log and verifies its chain of seals. */
@ApplicationScoped
public class AuditService {

    static final String GENESIS = "0".repeat(64);
    private static final int SEALS_PER_READ = 20;

    private final AuditRepository repository;
    private final AuditSealKeys keys;

    public AuditService(AuditRepository repository, AuditSealKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    Uni<AuditPage> page(AuditQuery q) {
        return repository.read(q).map(items -> new AuditPage(items,
                items.size() == q.limit() ? Long.toString(items.get(items.size() - 1).id()) : null));
    }

    /**
     * Walks every seal from the first: each must follow, chain, carry a MAC of a configured key and match its rows;
     * stops at the first that fails.
     */
    Uni<AuditVerification> verify() {
        return walk(new Walk(0, 0, GENESIS, 0, 0, null));
    }

    private Uni<AuditVerification> walk(Walk w) {
        return repository.checkSeals(w.sealId, SEALS_PER_READ).chain(seals -> {
            Walk at = w;
            for (AuditRepository.CheckedSeal c : seals) {
                AuditVerification.Broken broken = check(at, c, keys);
                if (broken != null) {
                    Walk stopped = at;
                    return repository.unsealedAfter(stopped.lastId).map(unsealed -> new AuditVerification(false,
                            stopped.seals, stopped.rows, view(stopped), unsealed, broken));
                }
                at = new Walk(c.seal().id(), c.seal().lastId(), c.seal().hash(), at.seals + 1,
                        at.rows + c.seal().rowCount(), c.seal());
            }
            Walk next = at;
            if (seals.size() == SEALS_PER_READ) {
                return walk(next);
            }
            return repository.unsealedAfter(next.lastId).map(unsealed -> new AuditVerification(true, next.seals,
                    next.rows, view(next), unsealed, null));
        });
    }

    private static AuditVerification.SealView view(Walk w) {
        return w.last == null ? null : AuditVerification.SealView.of(w.last);
    }

    /** Why this seal breaks the chain after {@code previous}, or null when it holds. */
    static AuditVerification.Broken check(Walk previous, AuditRepository.CheckedSeal c, AuditSealKeys keys) {
        AuditRepository.Seal s = c.seal();
        String reason = null;
        String detail = null;
        if (s.id() != previous.sealId + 1) {
            reason = "SEAL_MISSING";
            detail = "seal " + s.id() + " follows seal " + previous.sealId;
        } else if (s.firstId() != previous.lastId + 1) {
            reason = "RANGE_GAP";
            detail = "the range starts at row " + s.firstId() + ", the previous seal ended at row " + previous.lastId;
        } else if (!c.previousHash().equals(previous.hash)) {
            reason = "CHAIN_BROKEN";
            detail = "it chains hash " + c.previousHash() + ", the previous seal's hash is " + previous.hash;
        } else if (!c.recomputedHash().equals(s.hash())) {
            reason = "SEAL_EDITED";
            detail = "its fields hash to " + c.recomputedHash() + ", it says " + s.hash();
        } else if (!keys.verifies(s.keyId(), s.id(), s.hash(), c.mac())) {
            // Hash and chain hold, so whoever wrote it could recompute them: only the key tells a forged seal.
            reason = "SEAL_FORGED";
            detail = keys.knows(s.keyId()) ? "its MAC is not key " + s.keyId() + "'s"
                    : "it names key " + s.keyId() + ", which is not configured (current or retired)";
        } else if (c.rowsNow() != s.rowCount()) {
            reason = "ROWS_MISSING_OR_ADDED";
            detail = "it sealed " + s.rowCount() + " row(s), its range holds " + c.rowsNow() + " now";
        } else if (!c.rowsHashNow().equals(c.rowsHash())) {
            reason = "ROWS_EDITED";
            detail = "its rows hash to " + c.rowsHashNow() + " now, sealed as " + c.rowsHash();
        }
        return reason == null ? null : new AuditVerification.Broken(s.id(), s.firstId(), s.lastId(), reason, detail);
    }

    /** Where the walk stands: the last good seal's id, range end and hash, and what it has checked. */
    record Walk(long sealId, long lastId, String hash, long seals, long rows, AuditRepository.Seal last) {
    }

}
