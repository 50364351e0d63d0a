package cn.hpf.mobile.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/** Settings of the static pages (/h5/ for members, /ops/ for operators). */
@ConfigMapping(prefix = "hpf.web")
public interface WebConfig {

    /**
     * Origins of partner apps whose web views may frame the pages (CSP {@code frame-ancestors}), e.g.
     * {@code https://h5.partner.example}; none by default, so only the pages themselves may.
     */
    @WithName("frame-ancestors")
    Optional<List<String>> frameAncestors();

    /**
     * Strict-Transport-Security on every answer. Browsers heed it only when it arrives over HTTPS (the load
     * balancer's TLS), so it costs nothing on plain HTTP; empty to send none.
     */
    @WithName("strict-transport-security")
    @WithDefault("max-age=31536000; includeSubDomains")
    Optional<String> strictTransportSecurity();
}
