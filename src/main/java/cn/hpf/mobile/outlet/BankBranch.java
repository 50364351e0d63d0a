package cn.hpf.mobile.outlet;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A branch of a {@link Bank} ({@code bank_branch}), only read here. Like the outlet's, its generated
 * {@code location} column is left unmapped: only {@link BankRepository}'s nearest-first statements use it.
 */
@Entity
@Immutable
@Table(name = "bank_branch")
public class BankBranch extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "bank_code")
    public String bankCode;

    public String name;

    public String address;

    public double lat;

    public double lng;
}
