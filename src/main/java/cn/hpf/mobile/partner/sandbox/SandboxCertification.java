package cn.hpf.mobile.partner.sandbox;

import cn.hpf.mobile.partner.api.PartnerCertification;
import io.smallrye.mutiny.Uni;

/** The sandbox platforms' certification service: every certifyId starting with PASS passed, any other failed. */
public final class SandboxCertification implements PartnerCertification {

    @Override
    public Uni<Result> query(String appId, String certifyId) {
        return Uni.createFrom().item(certifyId.startsWith("PASS") ? Result.PASSED : Result.FAILED);
    }
}
