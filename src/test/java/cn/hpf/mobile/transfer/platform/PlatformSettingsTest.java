package cn.hpf.mobile.transfer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.common.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which platform and which callback secret, by configuration; and the sandbox routes with the sandbox off. */
class PlatformSettingsTest {

    private static final String SANDBOX_SECRET = "hpf-sandbox-transfer-platform-demo-secret-2026";
    private static final String REAL_SECRET = "a-real-platform-secret-of-forty-characters";

    @Test
    void theSandboxUsesThePublicSecretUnlessOneIsConfigured() {
        assertThat(PlatformSettings.resolveSecret(true, Optional.empty(), Optional.empty(), SANDBOX_SECRET))
                .isEqualTo(SANDBOX_SECRET);
        assertThat(PlatformSettings.resolveSecret(true, Optional.empty(), Optional.of(REAL_SECRET), SANDBOX_SECRET))
                .isEqualTo(REAL_SECRET);
    }

    @Test
    void outsideTheSandboxAnEndpointAndAStrongSecretAreRequired() {
        assertThatThrownBy(() -> PlatformSettings.resolveSecret(false, Optional.empty(), Optional.of(REAL_SECRET),
                SANDBOX_SECRET)).hasMessageContaining("hpf.transfer.platform.endpoint");
        assertThatThrownBy(() -> PlatformSettings.resolveSecret(false, Optional.of("https://ntp.example"),
                Optional.of(" "), SANDBOX_SECRET)).hasMessageContaining("hpf.transfer.platform.callback.secret");
        assertThatThrownBy(() -> PlatformSettings.resolveSecret(false, Optional.of("https://ntp.example"),
                Optional.of("short"), SANDBOX_SECRET)).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> PlatformSettings.resolveSecret(false, Optional.of("https://ntp.example"),
                Optional.of(SANDBOX_SECRET), SANDBOX_SECRET)).hasMessageContaining("public sandbox");
        assertThat(PlatformSettings.resolveSecret(false, Optional.of("https://ntp.example"), Optional.of(REAL_SECRET),
                SANDBOX_SECRET)).isEqualTo(REAL_SECRET);
    }

    @Test
    void withTheSandboxOffTheRealPlatformIsChosenAndTakesNothing() {
        var production = new PlatformSettings(false, "https://ntp.example", REAL_SECRET);
        TransferPlatform platform = new TransferPlatformProducer(production, null).platform();
        assertThat(platform).isInstanceOf(UnavailableRealPlatform.class);
        assertThatThrownBy(() -> platform.submitTransferIn(new TransferPlatform.TransferInSubmission(
                UUID.randomUUID(), "310000", "SH1", "x", "n", "330109", "330100000001"))
                .await().atMost(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void withTheSandboxOffTheSandboxRoutesAnswer404() {
        var resource = new SandboxTransferPlatformResource(
                new PlatformSettings(false, "https://ntp.example", REAL_SECRET), null, null, null);
        assertThatThrownBy(() -> resource.transfer("NTP1")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> resource.startTransferOut(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> resource.registerOriginAccount(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }
}
