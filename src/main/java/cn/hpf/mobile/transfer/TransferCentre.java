package cn.hpf.mobile.transfer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A centre on the national transfer platform, by its administrative division code. */
@Schema(name = "TransferCentre")
public record TransferCentre(
        @Schema(examples = "310000") String code,
        @Schema(examples = "上海市公积金管理中心") String name,
        @Schema(examples = "Shanghai HPF Centre") String nameEn,
        @Schema(description = "This centre (transfers come in to it and go out from it)", examples = "false")
        boolean own) {
}
