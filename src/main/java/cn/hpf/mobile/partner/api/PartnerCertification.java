package cn.hpf.mobile.partner.api;

import io.smallrye.mutiny.Uni;

/**
 * A partner platform's own liveness certification (Alipay runs the face check in its app): asked, through the
 * platform's certification service, for the result of one of its {@code certifyId}s. The answer the partner sends
 * us is never believed on its own.
 */
public interface PartnerCertification {

    enum Result {
        PASSED, FAILED
    }

    Uni<Result> query(String appId, String certifyId);
}
