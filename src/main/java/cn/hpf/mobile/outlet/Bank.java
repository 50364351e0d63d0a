package cn.hpf.mobile.outlet;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.EnumSet;
import java.util.Set;
import org.hibernate.annotations.Immutable;

/** A bank the centre works with ({@code bank}), seeded by the migrations and only read here. */
@Entity
@Immutable
@Table(name = "bank")
public class Bank extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "sort_order")
    public short sortOrder;

    @ElementCollection
    @CollectionTable(name = "bank_role", joinColumns = @JoinColumn(name = "bank_code"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    public Set<BankRole> roles = EnumSet.noneOf(BankRole.class);
}
