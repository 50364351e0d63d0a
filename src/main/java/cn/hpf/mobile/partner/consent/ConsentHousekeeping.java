package cn.hpf.mobile.partner.consent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Removes consent codes and member tokens a day after they expired. */
@ApplicationScoped
public class ConsentHousekeeping {

    private final ConsentRepository consents;

    public ConsentHousekeeping(ConsentRepository consents) {
        this.consents = consents;
    }

    public Uni<Long> prune() {
        return consents.prune();
    }
}
