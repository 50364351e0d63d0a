package cn.hpf.mobile.account;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StatementEntry", description = "One ledger entry (缴存提取明细)")
public record StatementEntry(
        @Schema(examples = "1042") long id,
        @Schema(examples = "DEPOSIT") EntryType type,
        @Schema(description = "Signed: negative for withdrawals and loan transfers", examples = "288000") long amountFen,
        @Schema(examples = "5234500") long balanceAfterFen,
        @Schema(examples = "2026-10-15T10:00:00+08:00") OffsetDateTime occurredAt,
        @Schema(examples = "汇缴 Monthly deposit 2026-10") String description) {
}
