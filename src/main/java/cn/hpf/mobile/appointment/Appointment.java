package cn.hpf.mobile.appointment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's booking of a slot ({@code appointment}). Read through Panache; written only by
 * {@link AppointmentRepository}'s statements, which keep the slot's seat count in the same transaction.
 */
@Entity
@Table(name = "appointment")
public class Appointment extends PanacheEntityBase {

    /** The most a member's list shows: a member books a handful a year. */
    static final int LIST_LIMIT = 100;

    @Id
    public UUID id;

    @Column(name = "member_id")
    public long memberId;

    @Column(name = "outlet_id")
    public String outletId;

    @Column(name = "service_code")
    public String serviceCode;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Enumerated(EnumType.STRING)
    public AppointmentStatus status;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** The member's own appointment, or null: another member's is as absent as one that does not exist. */
    static Uni<Appointment> findOwn(UUID id, long memberId) {
        return find("id = ?1 and memberId = ?2", id, memberId).firstResult();
    }

    /** The member's appointments, latest start first. */
    static Uni<List<Appointment>> listOwn(long memberId) {
        return find("memberId = ?1 order by startsAt desc, createdAt desc", memberId).page(0, LIST_LIMIT).list();
    }
}
