package cn.hpf.mobile.partner.consent;

import cn.hpf.mobile.partner.PartnerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The member's identity as one partner app sees it: stable for (app, member) across consents, different for every
 * app, and derived with a server secret (HMAC-SHA256), so that neither the partner nor anyone else can link it to a
 * member number, an id or an ID number, or two apps' openIds to each other.
 */
@ApplicationScoped
public class OpenIds {

    private static final int MIN_SECRET_LENGTH = 32;

    private final PartnerConfig config;

    public OpenIds(PartnerConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        String secret = config.openIdSecret().orElse("");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("hpf.partner.open-id-secret must be set, at least " + MIN_SECRET_LENGTH
                    + " characters (openIds are derived from it)");
        }
    }

    public String of(String appId, long memberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.openIdSecret().orElseThrow().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] h = mac.doFinal((appId + "\n" + memberId).getBytes(StandardCharsets.UTF_8));
            return "o_" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
