package cn.hpf.mobile.outlet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BankBranch", description = "A branch of a bank")
public record BranchView(
        @Schema(examples = "xsrcb-01") String id,
        @Schema(examples = "萧山农商银行营业部") String name,
        @Schema(examples = "杭州市萧山区人民路 258 号") String address,
        @Schema(description = "Decimal degrees", examples = "30.164") double lat,
        @Schema(description = "Decimal degrees", examples = "120.2665") double lng,
        @Schema(nullable = true, description = "Along the earth's surface from the caller's lat/lng, in whole metres; null when the "
                + "request gave no location", examples = "245") Long distanceMeters) {
}
