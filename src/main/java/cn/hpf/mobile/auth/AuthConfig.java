package cn.hpf.mobile.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.auth")
public interface AuthConfig {

    String issuer();

    @WithName("token-ttl")
    Duration tokenTtl();

    /** Folder holding private.pem (PKCS#8) and public.pem. */
    @WithName("keys-dir")
    String keysDir();

    /** Sandbox, dev and test only: create a demo key pair there when none exists. */
    @WithName("generate-keys")
    boolean generateKeys();
}
