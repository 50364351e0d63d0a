package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.live.StatusEvent;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One state of a withdrawal, as pushed on its event stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WithdrawalEvent", description = "A withdrawal's state; the stream sends one per change")
public record WithdrawalEvent(
        @Schema(examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID id,
        @Schema(examples = "PAID", enumeration = {"ACCEPTED", "PAYING", "PAID", "FAILED", "RETURNED"}) String status,
        @Schema(examples = "200000") long amountFen,
        @Schema(examples = "RENT") String category,
        @Schema(examples = "2026-11-25T04:31:07.123Z") Instant updatedAt,
        @Schema(description = "Only when FAILED: the bank's reason code", examples = "SANDBOX_REJECTED")
        String failureCode) implements StatusEvent {

    @Override
    public boolean terminal() {
        return WithdrawalStatus.valueOf(status).payoutFinished();
    }

    @Override
    public int rank() {
        return WithdrawalStatus.valueOf(status).step();
    }
}
