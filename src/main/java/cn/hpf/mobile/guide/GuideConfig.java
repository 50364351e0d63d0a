package cn.hpf.mobile.guide;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.guide")
public interface GuideConfig {

    /**
     * How long clients and CDNs may reuse the public guide (it changes with a release or an edited rule; after that
     * the ETag lets them revalidate cheaply).
     */
    @WithDefault("PT10M")
    Duration cacheMaxAge();
}
