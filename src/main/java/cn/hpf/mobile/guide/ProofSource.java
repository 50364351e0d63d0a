package cn.hpf.mobile.guide;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where the centre checks a proof itself ({@code proof_source}): another department over data sharing (housing
 * registry, civil affairs, market regulation, household registry) or the HPF system's own records.
 */
@Entity
@Table(name = "proof_source")
public class ProofSource extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "data_sharing")
    public boolean dataSharing;
}
