package cn.hpf.mobile.partner.api;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.partner.sandbox.SandboxCertification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The sandbox certification in the sandbox; elsewhere each platform's certification service is an integration of
 * its own, not built yet: a certified face verification is then refused (503) rather than believed.
 */
@ApplicationScoped
public class CertificationAdapters {

    private final SandboxConfig sandbox;

    public CertificationAdapters(SandboxConfig sandbox) {
        this.sandbox = sandbox;
    }

    @Produces
    @ApplicationScoped
    PartnerCertification certification() {
        if (sandbox.enabled()) {
            return new SandboxCertification();
        }
        return (appId, certifyId) -> Uni.createFrom().failure(ApiException.unavailable("CERTIFICATION_UNAVAILABLE",
                "This platform's certification service is not connected; verify in the centre's app.", 60));
    }
}
