package cn.hpf.mobile.loan;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AutoTransferRequest", description = "按月转账 on or off")
public record AutoTransferRequest(@NotNull @Schema(required = true, examples = "true") Boolean enabled) {
}
