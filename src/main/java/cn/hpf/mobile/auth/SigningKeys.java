package cn.hpf.mobile.auth;

import cn.hpf.mobile.common.KeyPairFiles;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * The RS256 key pair that signs member and operator tokens. Loaded at startup from {@code hpf.auth.keys-dir};
 * in sandbox, dev and test a demo pair is generated there on first start. No private key is committed, and
 * prod refuses to start without one.
 */
@Startup
@Singleton
public class SigningKeys {

    private final AuthConfig config;
    private PrivateKey privateKey;

    public SigningKeys(AuthConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path dir = Path.of(config.keysDir());
        privateKey = KeyPairFiles.loadOrGenerate(dir.resolve("private.pem"), dir.resolve("public.pem"),
                config.generateKeys(), "configure hpf.auth.keys-dir with private.pem and public.pem (or run the "
                        + "sandbox profile, which generates demo keys).").privateKey();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }
}
