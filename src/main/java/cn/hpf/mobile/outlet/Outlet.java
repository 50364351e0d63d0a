package cn.hpf.mobile.outlet;

import cn.hpf.mobile.guide.HallService;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.Immutable;

/**
 * An outlet where services are handled in person ({@code outlet}), seeded by the migrations and only read here.
 * Its {@code location} column (the earth point, generated from lat and lng) is not mapped: only the nearest-first
 * statements of {@link OutletRepository} use it.
 */
@Entity
@Immutable
@Table(name = "outlet")
public class Outlet extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String address;

    public String phone;

    public double lat;

    public double lng;

    /** The posted hours, shown as they are; {@link #openings} says when the outlet is open. */
    @Column(name = "hours")
    public String postedHours;

    @ElementCollection
    @CollectionTable(name = "outlet_hours", joinColumns = @JoinColumn(name = "outlet_id"))
    public Set<OpeningPeriod> openings = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "outlet_service", joinColumns = @JoinColumn(name = "outlet_id"),
            inverseJoinColumns = @JoinColumn(name = "service_code"))
    public Set<HallService> services = new HashSet<>();
}
