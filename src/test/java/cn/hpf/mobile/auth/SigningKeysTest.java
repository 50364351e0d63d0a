package cn.hpf.mobile.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the sandbox switches the service refuses to start without real keys; the sandbox makes its own. */
class SigningKeysTest {

    @TempDir
    Path dir;

    private AuthConfig config(boolean generate) {
        return config(generate, SigningKeys.DEFAULT_KEY_ID, List.of());
    }

    private AuthConfig config(boolean generate, String keyId, List<String> accepted) {
        return new AuthConfig() {
            public String issuer() {
                return "https://hpf-mobile.example/auth";
            }

            public Duration tokenTtl() {
                return Duration.ofMinutes(15);
            }

            public String keysDir() {
                return dir.toString();
            }

            public boolean generateKeys() {
                return generate;
            }

            public String keyId() {
                return keyId;
            }

            public Optional<List<String>> acceptedKeyIds() {
                return Optional.of(accepted);
            }

            public Refresh refresh() {
                throw new UnsupportedOperationException();
            }

            public Revocation revocation() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void prodRefusesToStartWithoutKeys() {
        assertThatThrownBy(() -> new SigningKeys(config(false)).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hpf.auth.keys-dir");
    }

    @Test
    void sandboxGeneratesAPairOnceAndReusesIt() throws Exception {
        SigningKeys first = new SigningKeys(config(true));
        first.load();
        String pem = Files.readString(dir.resolve("private.pem"));
        SigningKeys second = new SigningKeys(config(true));
        second.load();
        assertThat(Files.readString(dir.resolve("private.pem"))).isEqualTo(pem);
        assertThat(second.privateKey()).isEqualTo(first.privateKey());
        assertThat(Files.exists(dir.resolve("public.pem"))).isTrue();
    }

    @Test
    void afterARotationTheNewKeySignsAndTheOldOneIsStillPublished() throws Exception {
        new SigningKeys(config(true)).load(); // hpf-1, as deployed before: private.pem / public.pem
        new SigningKeys(config(true, "hpf-2", List.of())).load(); // generates hpf-2.key.pem / hpf-2.pub.pem
        Files.delete(dir.resolve("private.pem")); // a retired key needs only its public half

        SigningKeys rotated = new SigningKeys(config(false, "hpf-2", List.of("hpf-1")));
        rotated.load();
        assertThat(rotated.keyId()).isEqualTo("hpf-2");
        assertThat(rotated.accepted()).extracting(SigningKeys.Key::keyId).containsExactly("hpf-2", "hpf-1");
        var jwks = new org.jose4j.jwk.JsonWebKeySet(rotated.jwks()).getJsonWebKeys();
        assertThat(jwks).extracting(org.jose4j.jwk.JsonWebKey::getKeyId).containsExactly("hpf-2", "hpf-1");
        assertThat(rotated.jwks()).contains("\"kty\":\"RSA\"").contains("\"use\":\"sig\"")
                .contains("\"alg\":\"RS256\"").doesNotContain("\"d\"");
    }

    @Test
    void prodRefusesAnAcceptedKeyWithoutItsPublicFile() {
        new SigningKeys(config(true)).load();
        assertThatThrownBy(() -> new SigningKeys(config(false, SigningKeys.DEFAULT_KEY_ID, List.of("hpf-0"))).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hpf.auth.accepted-key-ids").hasMessageContaining("hpf-0.pub.pem");
    }

    @Test
    void aKeyIdCannotNameAFileElsewhere() {
        assertThatThrownBy(() -> new SigningKeys(config(true, "../evil", List.of())).load())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hpf.auth.key-id");
    }
}
