package cn.hpf.mobile.certificate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CertificateRequest", description = "Which certificate, over which months (both ends included)")
public record CertificateRequest(
        @Schema(description = "The kind of certificate; DEPOSIT (缴存证明) is the one there is",
                enumeration = "DEPOSIT", required = true, examples = "DEPOSIT") String type,
        @Schema(description = "First month stated, YYYY-MM. Default: 11 months before `to` (12 months in all)",
                pattern = "^[0-9]{4}-[0-9]{2}$", examples = "2025-12") String from,
        @Schema(description = "Last month stated, YYYY-MM, at most the current month (Asia/Shanghai). Default: the "
                + "previous month, the last one whose deposit is surely in", pattern = "^[0-9]{4}-[0-9]{2}$",
                examples = "2026-11") String to) {
}
