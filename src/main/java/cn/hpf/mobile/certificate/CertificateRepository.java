package cn.hpf.mobile.certificate;

import cn.hpf.mobile.common.idempotency.IdempotencyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Certificates and the employer a certificate names, through Hibernate Reactive (low-rate, entity-shaped). */
@ApplicationScoped
public class CertificateRepository {

    static final String OPERATION = "certificate";

    private static final String EMPLOYER = """
            SELECT e.name FROM member_employer me JOIN employer e ON e.id = me.employer_id WHERE me.member_id = :member
            """;

    /** The idempotency record, written in the certificate's transaction: it exists if and only if the certificate does. */
    private static final String REMEMBER_ANSWER = IdempotencyRepository.insertFrom("(SELECT 1) one", ":member",
            "'" + OPERATION + "'", ":idemKey", ":requestHash", "201", ":body", ":id");

    /** The member's current (or, sealed, last) employer's name, or null when the centre has none on record. */
    @WithSession
    public Uni<String> employerName(long memberId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(EMPLOYER, String.class)
                .setParameter("member", memberId).getSingleResultOrNull());
    }

    /** Stores the certificate and the answer a retry with the same Idempotency-Key replays, all or nothing. */
    @WithTransaction
    public Uni<Void> issue(DepositCertificate certificate, String idemKey, String requestHash, String body) {
        return certificate.persist()
                .chain(() -> Panache.getSession())
                .chain(s -> s.createNativeQuery(REMEMBER_ANSWER)
                        .setParameter("member", certificate.memberId)
                        .setParameter("idemKey", idemKey)
                        .setParameter("requestHash", requestHash)
                        .setParameter("body", body)
                        .setParameter("id", certificate.id.toString())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The member's own certificate, or null (also when it is another member's). */
    @WithSession
    public Uni<DepositCertificate> findOwn(long memberId, UUID id) {
        return DepositCertificate.<DepositCertificate>find("id = ?1 and memberId = ?2", id, memberId).firstResult();
    }

    @WithSession
    public Uni<DepositCertificate> findByCode(String verificationCode) {
        return DepositCertificate.<DepositCertificate>find("verificationCode", verificationCode).firstResult();
    }
}
