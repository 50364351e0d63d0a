package cn.hpf.mobile.outlet;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Outlet", description = "就近办: an outlet where services are handled in person")
public record OutletView(
        @Schema(examples = "xs-citizen-centre") String id,
        @Schema(examples = "萧山区市民中心住房公积金服务大厅") String name,
        @Schema(examples = "杭州市萧山区市心北路 1 号萧山区市民中心 A 区 2 楼") String address,
        @Schema(description = "Decimal degrees", examples = "30.18212") double lat,
        @Schema(description = "Decimal degrees", examples = "120.2693") double lng,
        @Schema(nullable = true, description = "Along the earth's surface from the caller's lat/lng, in whole metres; null when the "
                + "request gave no location", examples = "1320") Long distanceMeters,
        @Schema(description = "The posted opening hours, as shown at the outlet",
                examples = "周一至周五 8:30-12:00, 13:30-17:00；周六 9:00-12:00") String hours,
        @Schema(description = "Open at this moment (Asia/Shanghai), by the outlet's weekly opening periods")
        boolean openNow,
        @Schema(description = "Codes of the services handled here (GET /v1/guide/services), in the catalogue's order",
                examples = "[\"WITHDRAW_SERIOUS_ILLNESS\", \"LOAN_APPLICATION\"]") List<String> services) {
}
