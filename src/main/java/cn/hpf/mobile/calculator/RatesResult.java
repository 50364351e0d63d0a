package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RatesResult", description = "HPF loan rates in force, as fractions (0.026 = 2.6 %)")
public record RatesResult(
        @Schema(examples = "2025-05-08") LocalDate effectiveDate,
        List<Rate> rates) {

    @Schema(name = "LoanRate")
    public record Rate(
            @Schema(examples = "FIRST_HOME") LoanRates.HomeType homeType,
            @Schema(description = "Shortest term this rate applies to, in months", examples = "61") int termFromMonths,
            @Schema(description = "Longest term this rate applies to, in months", examples = "360") int termToMonths,
            @Schema(examples = "0.026") BigDecimal annualRate) {
    }
}
