package cn.hpf.mobile.partner.notify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What happened to money a partner moved: the body of a notification and an item of the catch-up feed. */
@Schema(name = "PartnerEvent")
@JsonPropertyOrder({"eventId", "sequence", "type", "createdAt", "data"})
public record ChannelEvent(
        @Schema(description = "Stable: a repeated delivery carries the same id") UUID eventId,
        @Schema(description = "The app's own sequence: no later commit gets a smaller one", examples = "42") long sequence,
        @Schema(enumeration = {"withdrawal.status_changed", "prepayment.status_changed"}) String type,
        OffsetDateTime createdAt,
        @Schema(description = "id, outBizNo, status, amountFen and what else the type carries") Map<String, Object> data) {
}
