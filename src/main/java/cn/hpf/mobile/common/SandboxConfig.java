package cn.hpf.mobile.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The sandbox switches: password login, demo data, sandbox adapters and the /sandbox/** routes. */
@ConfigMapping(prefix = "hpf.sandbox")
public interface SandboxConfig {

    boolean enabled();

    @WithName("seed-demo-data")
    boolean seedDemoData();
}
