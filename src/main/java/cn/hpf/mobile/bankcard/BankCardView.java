package cn.hpf.mobile.bankcard;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BankCard", description = "One of the member's own cards; payouts go only to these")
public record BankCardView(
        @Schema(examples = "1") long id,
        @Schema(examples = "ICBC") String bankCode,
        @Schema(examples = "中国工商银行 ICBC") String bankName,
        @Schema(examples = "6222 **** **** 1234") String maskedNumber,
        @Schema(description = "Always the member's own name", examples = "张伟") String holderName,
        @Schema(description = "Whether the bank credits payouts in real time (实时到账)", examples = "true")
        boolean realTimePayout) {
}
