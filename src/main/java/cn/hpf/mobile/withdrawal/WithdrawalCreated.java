package cn.hpf.mobile.withdrawal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 201 body of an admitted withdrawal; stored verbatim as the idempotent answer. */
@Schema(name = "WithdrawalCreated")
@JsonPropertyOrder({"id", "outBizNo", "status", "amountFen", "category", "createdAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WithdrawalCreated(
        @Schema(examples = "7d9f1b0c-3c1e-4a56-9c55-1d6f3b2e8a90") UUID id,
        @Schema(description = "Partner requests only: the partner's own idempotency key") String outBizNo,
        @Schema(examples = "ACCEPTED") String status,
        @Schema(examples = "200000") long amountFen,
        @Schema(examples = "RENT") String category,
        @Schema(examples = "2026-11-25T04:00:00.123456Z") Instant createdAt) {
}
