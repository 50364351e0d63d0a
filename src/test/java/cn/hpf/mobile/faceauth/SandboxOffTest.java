package cn.hpf.mobile.faceauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.hpf.mobile.common.ApiException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With the sandbox off: the sandbox route does not exist and the real provider is selected. */
class SandboxOffTest {

    private final FaceProviderSettings production =
            new FaceProviderSettings(false, "https://face.example", "a-real-provider-secret-of-forty-characters");

    @Test
    void theSandboxRouteAnswers404() {
        var resource = new SandboxFaceResource(production, null, null, null);
        ApiException e = assertThrows(ApiException.class,
                () -> resource.complete(UUID.randomUUID().toString(), new SandboxCompletion("PASS")));
        assertEquals(404, e.status());
    }

    @Test
    void theTokenlessSignInCompletionAnswers404() {
        var resource = new SandboxFaceSessionResource(production, null, null);
        ApiException e = assertThrows(ApiException.class,
                () -> resource.complete("sbx_0123", new SandboxCompletion("PASS")));
        assertEquals(404, e.status());
    }

    @Test
    void theRealProviderIsSelectedAndNeverPassesAnythingOnItsOwn() {
        FaceVerificationProvider provider = production.provider(null);
        assertInstanceOf(RemoteFaceProvider.class, provider);
        ApiException e = assertThrows(ApiException.class, () -> provider
                .initialize(UUID.randomUUID(), 1, FacePurpose.WITHDRAWAL).await().atMost(Duration.ofSeconds(1)));
        assertEquals("FACE_PROVIDER_UNAVAILABLE", e.code());
        assertEquals(503, e.status());
    }
}
