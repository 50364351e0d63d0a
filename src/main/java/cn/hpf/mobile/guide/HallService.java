package cn.hpf.mobile.guide;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One service of the centre's catalogue ({@code hall_service}), for members or for employers, with its guide texts.
 */
@Entity
@Table(name = "hall_service")
public class HallService extends PanacheEntityBase {

    @Schema(name = "ServiceAudience")
    public enum Audience { MEMBER, EMPLOYER }

    /** ONLINE: done in the mobile office; APPOINTMENT: booked online, finished at an outlet; COUNTER: walk in. */
    @Schema(name = "ServiceMode")
    public enum Mode { ONLINE, APPOINTMENT, COUNTER }

    @Id
    public String code;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Enumerated(EnumType.STRING)
    public Audience audience;

    @Enumerated(EnumType.STRING)
    public Mode mode;

    @Column(name = "sort_order")
    public short sortOrder;

    /** The guide's texts (办事指南), in Chinese; a withdrawal's materials are its checklist's instead. */
    public String[] conditions;

    public String[] steps;

    public String[] materials;

    /** The form templates the service uses (online ones are filled in the app). */
    public String[] forms;
}
