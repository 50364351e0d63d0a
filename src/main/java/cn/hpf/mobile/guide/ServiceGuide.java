package cn.hpf.mobile.guide;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServiceGuide", description = "办事指南: one service of the centre, what it takes and where it is handled. "
        + "Texts in Chinese.")
public record ServiceGuide(
        @Schema(examples = "WITHDRAW_RENT") String code,
        @Schema(examples = "租房提取") String name,
        @Schema(examples = "Withdrawal for rent") String nameEn,
        @Schema(examples = "MEMBER") HallService.Audience audience,
        @Schema(description = "ONLINE: done entirely in the mobile office; APPOINTMENT: booked online, finished at an "
                + "outlet; COUNTER: walk in", examples = "ONLINE") HallService.Mode mode,
        @Schema(description = "Who may use it (受理条件)", examples = "[\"缴存职工及其配偶在本市无自有住房\"]")
        List<String> conditions,
        @Schema(description = "How it goes, in order (办理流程)", examples = "[\"登录移动办，选择“租房提取”\", \"刷脸核验身份\"]")
        List<String> steps,
        @Schema(description = "What to bring or submit (申请材料); proofs the centre checks itself say so",
                examples = "[\"身份证\", \"本市无房证明（无需提供：不动产登记数据共享核验）\"]") List<String> materials,
        @Schema(description = "Form templates (表单)", examples = "[\"《住房公积金提取申请表（租房）》（线上填报，无需打印）\"]")
        List<String> forms,
        @Schema(description = "Outlets that handle it in person (GET /v1/outlets); empty for fully online services",
                examples = "[]") List<String> outletIds) {
}
