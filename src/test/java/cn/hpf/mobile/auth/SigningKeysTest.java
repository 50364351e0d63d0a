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
}
