package cn.hpf.mobile.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, plus our stable {@code code} and the offending {@code field}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details with a stable machine-readable code")
public record Problem(
        @Schema(examples = "https://hpf-mobile.example/problems/insufficient-balance") String type,
        @Schema(examples = "Insufficient balance") String title,
        @Schema(examples = "422") int status,
        @Schema(examples = "The available balance is 1,200.00 CNY; 2,000.00 CNY was requested.") String detail,
        @Schema(examples = "/v1/withdrawals") String instance,
        @Schema(examples = "INSUFFICIENT_BALANCE") String code,
        @Schema(examples = "amountFen") String field,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://hpf-mobile.example/problems/";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    /** Details and field messages may echo what the caller sent: a number shaped like an ID or card is masked. */
    public static Problem of(int status, String code, String detail, String field, String instance,
                             List<FieldError> errors) {
        List<FieldError> masked = errors == null ? null : errors.stream()
                .map(e -> new FieldError(e.field(), PersonalData.text(e.message()))).toList();
        return new Problem(TYPE_BASE + code.toLowerCase().replace('_', '-'), titleOf(code), status,
                PersonalData.text(detail), PersonalData.text(instance), code, field, masked);
    }

    /** INSUFFICIENT_BALANCE → "Insufficient balance". */
    static String titleOf(String code) {
        String words = code.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
