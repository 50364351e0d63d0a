package cn.hpf.mobile.faceauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of a provider callback. Only {@code providerRef} is trusted to pick the session: the result itself is
 * fetched from the provider afterwards (the reported {@code result} is informative).
 */
@Schema(name = "FaceProviderCallback")
public record FaceProviderCallback(
        @Schema(required = true, examples = "sbx_9f3c2a7d51e04b8c") String providerRef,
        @Schema(examples = "0b6f1f9e-3c1a-4d55-9a4e-6f2d8c7b1a20") String verificationId,
        @Schema(examples = "PASS") String result) {
}
