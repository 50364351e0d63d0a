package cn.hpf.mobile.transfer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TransferInRequest", description = "The member's account at the centre she moved from")
public record TransferInRequest(
        @Schema(required = true, description = "The origin centre's code (GET /v1/transfer-centres)",
                examples = "310000") String originCentreCode,
        @Schema(required = true, description = "Her account number there: 1–32 of A–Z, 0–9, '-'",
                examples = "SH0012345678") String originAccountNo) {
}
