package cn.hpf.mobile.guide;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One withdrawal of the one-time checklist ({@code withdrawal_guide}): the hall service it is, and admission's
 * category when it is made online (whose rules are its limits).
 */
@Entity
@Table(name = "withdrawal_guide")
public class WithdrawalGuide extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "service_code")
    public String serviceCode;

    /** withdrawal_category's code, or null when the withdrawal is not made online. */
    public String category;

    /** What may be withdrawn, in words; placeholders are filled from the category's rules. */
    public String limits;

    @Column(name = "sort_order")
    public short sortOrder;
}
