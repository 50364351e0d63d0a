package cn.hpf.mobile.guide;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WithdrawalCard", description = "一次性告知: one withdrawal as the paper 提取服务卡 listed it, and what the "
        + "centre now checks itself. Texts in Chinese.")
public record WithdrawalCard(
        @Schema(description = "The withdrawal category (POST /v1/withdrawals) when online; otherwise the checklist's "
                + "own code", examples = "RENT") String category,
        @Schema(examples = "租房提取") String name,
        @Schema(examples = "Withdrawal for rent") String nameEn,
        @Schema(description = "The service in GET /v1/guide/services", examples = "WITHDRAW_RENT") String serviceCode,
        @Schema(examples = "ONLINE") HallService.Mode mode,
        @Schema(description = "Made in the mobile office (刷脸提取)", examples = "true") boolean online,
        @Schema(examples = "[\"缴存职工及其配偶在本市无自有住房\"]") List<String> conditions,
        WithdrawalLimits limits,
        @Schema(description = "Every material the paper card asked for", examples = "[\"身份证\", \"本市无房证明\", \"婚姻状况证明\"]")
        List<String> materials,
        @Schema(description = "Materials the centre checks itself (and with whom): not to be brought",
                examples = "[\"本市无房证明（不动产登记数据共享）\", \"婚姻状况证明（民政数据共享）\"]") List<String> checkedByCentre,
        @Schema(description = "What the member still shows or brings", examples = "[\"身份证\"]") List<String> toBring,
        @Schema(description = "Outlets that handle it in person", examples = "[]") List<String> outletIds) {
}
