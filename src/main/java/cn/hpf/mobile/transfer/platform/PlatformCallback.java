package cn.hpf.mobile.transfer.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One signed notification of the platform. Which fields are set depends on {@code type}:
 * <ul>
 *   <li>TRANSFER_IN_CONFIRMED: transferId, requestId, amountFen — the origin centre agreed;</li>
 *   <li>TRANSFER_IN_SETTLED: transferId, requestId, amountFen — the money arrived: credit it;</li>
 *   <li>TRANSFER_IN_REJECTED: transferId, requestId, reasonCode, reason;</li>
 *   <li>TRANSFER_OUT_REQUESTED: transferId, idNumber, accountNo (our member number), destinationCentreCode,
 *   destinationAccountNo — another centre asks for the member's balance;</li>
 *   <li>TRANSFER_OUT_CONFIRMED: transferId — the destination credited it: post the debit;</li>
 *   <li>TRANSFER_OUT_CANCELLED: transferId, reasonCode, reason — give the hold back.</li>
 * </ul>
 * The platform repeats a notification until it is answered 2xx, and may deliver one twice.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TransferPlatformCallback", description = "A notification of the national transfer platform")
public record PlatformCallback(
        @Schema(required = true, enumeration = {"TRANSFER_IN_CONFIRMED", "TRANSFER_IN_SETTLED", "TRANSFER_IN_REJECTED",
                "TRANSFER_OUT_REQUESTED", "TRANSFER_OUT_CONFIRMED", "TRANSFER_OUT_CANCELLED"},
                examples = "TRANSFER_IN_CONFIRMED") String type,
        @Schema(required = true, description = "The platform's transfer id", examples = "NTP20261202000123")
        String transferId,
        @Schema(description = "Our transfer-in id (transfer-in notifications)",
                examples = "0f8fad5b-d9cb-469f-a165-70867728950e") String requestId,
        @Schema(examples = "5230000") Long amountFen,
        @Schema(examples = "ORIGIN_ACCOUNT_NOT_FOUND") String reasonCode,
        @Schema(examples = "No account with this number at the origin centre.") String reason,
        @Schema(description = "TRANSFER_OUT_REQUESTED: the member's ID number", examples = "330181199001011234")
        String idNumber,
        @Schema(description = "TRANSFER_OUT_REQUESTED: the member's account number here", examples = "M000001")
        String accountNo,
        @Schema(examples = "310000") String destinationCentreCode,
        @Schema(examples = "SH0012345678") String destinationAccountNo,
        @Schema(examples = "2026-12-02T04:31:07Z") Instant occurredAt) {

    public enum Type {
        TRANSFER_IN_CONFIRMED, TRANSFER_IN_SETTLED, TRANSFER_IN_REJECTED,
        TRANSFER_OUT_REQUESTED, TRANSFER_OUT_CONFIRMED, TRANSFER_OUT_CANCELLED
    }
}
