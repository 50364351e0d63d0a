package cn.hpf.mobile.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RefreshRequest")
public record RefreshRequest(
        @NotBlank @Size(max = 128) @Schema(examples = "fQk4mX0dM3pWJ1uTq8yZr2vN6cH9bLsA7eG5iKoYxDw") String refreshToken) {
}
