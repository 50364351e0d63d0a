package cn.hpf.mobile.certificate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One issued deposit certificate ({@code deposit_certificate}); its content never changes after issue. */
@Entity
@Table(name = "deposit_certificate")
public class DepositCertificate extends PanacheEntityBase {

    public static final String DEPOSIT = "DEPOSIT";

    @Id
    public UUID id;

    @Column(name = "member_id")
    public long memberId;

    public String type;

    @Column(name = "verification_code")
    public String verificationCode;

    /** The first day of the first month stated. */
    @Column(name = "period_from")
    public LocalDate periodFrom;

    /** The first day of the last month stated. */
    @Column(name = "period_to")
    public LocalDate periodTo;

    @Column(name = "issued_at")
    public OffsetDateTime issuedAt;

    @Column(name = "valid_until")
    public OffsetDateTime validUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    public CertificateContent content;
}
