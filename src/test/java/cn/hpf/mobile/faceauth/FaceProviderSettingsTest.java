package cn.hpf.mobile.faceauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The startup check: without the sandbox, no real provider endpoint and secret means no start. */
class FaceProviderSettingsTest {

    private static final String DEMO = "hpf-sandbox-face-callback-demo-secret-2026";
    private static final String REAL = "a-real-provider-secret-of-forty-characters";

    @Test
    void sandboxUsesTheDemoSecretUnlessOneIsConfigured() {
        assertEquals(DEMO, FaceProviderSettings.resolveSecret(true, Optional.empty(), Optional.empty(), DEMO));
        assertEquals(REAL, FaceProviderSettings.resolveSecret(true, Optional.empty(), Optional.of(REAL), DEMO));
    }

    @Test
    void productionRefusesToStartWithoutEndpointAndSecret() {
        var noEndpoint = assertThrows(IllegalStateException.class, () ->
                FaceProviderSettings.resolveSecret(false, Optional.empty(), Optional.of(REAL), DEMO));
        assertTrue(noEndpoint.getMessage().contains("hpf.face.provider.endpoint"));
        assertThrows(IllegalStateException.class, () ->
                FaceProviderSettings.resolveSecret(false, Optional.of("https://face.example"), Optional.empty(), DEMO));
        assertThrows(IllegalStateException.class, () ->
                FaceProviderSettings.resolveSecret(false, Optional.of(" "), Optional.of(REAL), DEMO));
        assertThrows(IllegalStateException.class, () ->
                FaceProviderSettings.resolveSecret(false, Optional.of("https://face.example"), Optional.of("short"),
                        DEMO));
        assertThrows(IllegalStateException.class, () ->
                FaceProviderSettings.resolveSecret(false, Optional.of("https://face.example"), Optional.of(DEMO),
                        DEMO));
        assertEquals(REAL, FaceProviderSettings.resolveSecret(false, Optional.of("https://face.example"),
                Optional.of(REAL), DEMO));
    }
}
