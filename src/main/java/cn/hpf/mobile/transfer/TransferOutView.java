package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.live.StatusEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member's transfer-out (another centre asked for her balance) as she sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TransferOut", description = "The member's balance transferred to her account at another centre")
public record TransferOutView(
        @Schema(examples = "6b1f0c9e-3f4a-4c1d-9d8e-2a7b5c3d1e0f") UUID id,
        @Schema(examples = "NTP2026120200000456") String platformTransferId,
        @Schema(examples = "310000") String destinationCentreCode,
        @Schema(examples = "上海市公积金管理中心") String destinationCentreName,
        @Schema(enumeration = {"HELD", "POSTED", "VOIDED", "REFUSED"}, examples = "POSTED") String status,
        @Schema(description = "The whole available balance, held then posted (0 when REFUSED)", examples = "5230000")
        long amountFen,
        @Schema(description = "REFUSED or VOIDED: why", examples = "ACCOUNT_NOT_ACTIVE") String reasonCode,
        @Schema(description = "REFUSED or VOIDED: why, in words", examples = "The account is frozen.") String reason,
        @Schema(examples = "2026-12-02T04:31:07.123Z") Instant createdAt,
        @Schema(examples = "2026-12-02T04:31:09.456Z") Instant updatedAt) implements StatusEvent {

    /** Position along the state machine: a status stream never goes back. */
    @Override
    public int rank() {
        return TransferOutStatus.valueOf(status).step();
    }

    @Override
    public boolean terminal() {
        return TransferOutStatus.valueOf(status).terminal();
    }
}
