package cn.hpf.mobile.calculator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SchedulePeriod", description = "One monthly period of a repayment schedule. Money in fen.")
public record SchedulePeriod(
        @Schema(examples = "1") int period,
        @Schema(examples = "400340") long paymentFen,
        @Schema(examples = "183673") long principalFen,
        @Schema(examples = "216667") long interestFen,
        @Schema(description = "Principal left after this period", examples = "99816327") long remainingPrincipalFen) {
}
