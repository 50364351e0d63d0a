package cn.hpf.mobile.guide;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A material of a withdrawal as the paper card listed it ({@code withdrawal_guide_proof}); {@code checkedBy} names
 * the source the centre checks it with, so that the member no longer brings it.
 */
@Entity
@Table(name = "withdrawal_guide_proof")
public class WithdrawalGuideProof extends PanacheEntityBase {

    /** The proof every withdrawal still needs: the member's (or heir's) identity. */
    public static final String ID_CARD = "ID_CARD";

    @Id
    public Integer id;

    @Column(name = "guide_code")
    public String guideCode;

    public short position;

    /** The same proof across withdrawals (MARRIAGE, HOME_OWNERSHIP, …). */
    public String kind;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    /** A {@link ProofSource} code, or null: the member brings it. */
    @Column(name = "checked_by")
    public String checkedBy;
}
