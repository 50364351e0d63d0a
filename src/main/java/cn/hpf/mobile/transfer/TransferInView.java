package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.live.StatusEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member's transfer-in as she sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TransferIn", description = "Balance transferred in from the member's account at another centre")
public record TransferInView(
        @Schema(examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID id,
        @Schema(examples = "310000") String originCentreCode,
        @Schema(examples = "上海市公积金管理中心") String originCentreName,
        @Schema(examples = "SH0012345678") String originAccountNo,
        @Schema(enumeration = {"REQUESTED", "CONFIRMED", "CREDITED", "REJECTED"}, examples = "CONFIRMED") String status,
        @Schema(description = "The platform's transfer id, once the platform took the request",
                examples = "NTP2026120200000123") String platformTransferId,
        @Schema(description = "What the origin centre agreed to transfer (from CONFIRMED on)", examples = "5230000")
        Long amountFen,
        @Schema(description = "Only when REJECTED", examples = "ORIGIN_ACCOUNT_NOT_FOUND") String reasonCode,
        @Schema(description = "Only when REJECTED: why, in words", examples = "No account with this number at the "
                + "origin centre.") String reason,
        @Schema(examples = "2026-12-02T04:31:07.123Z") Instant createdAt,
        @Schema(examples = "2026-12-02T04:31:09.456Z") Instant updatedAt) implements StatusEvent {

    /** Position along the state machine: a status stream never goes back. */
    @Override
    public int rank() {
        return TransferInStatus.valueOf(status).step();
    }

    @Override
    public boolean terminal() {
        return TransferInStatus.valueOf(status).terminal();
    }
}
