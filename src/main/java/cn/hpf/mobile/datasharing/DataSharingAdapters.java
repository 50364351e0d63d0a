package cn.hpf.mobile.datasharing;

import cn.hpf.mobile.common.SandboxConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the data-sharing adapters: the sandbox ones when {@code hpf.sandbox.enabled}, otherwise the real
 * platforms, whose endpoints must be configured — the application refuses to start without them rather than
 * deciding eligibility on nothing.
 */
@ApplicationScoped
public class DataSharingAdapters {

    private final SandboxConfig sandbox;
    private final DataSharingConfig config;
    private final Pool db;

    public DataSharingAdapters(SandboxConfig sandbox, DataSharingConfig config, Pool db) {
        this.sandbox = sandbox;
        this.config = config;
        this.db = db;
    }

    void checkOnStart(@Observes StartupEvent event) {
        List<String> missing = missingEndpoints(sandbox.enabled(), config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Data-sharing endpoints are not configured: set " + String.join(", ", missing)
                    + " (or run the sandbox profile, hpf.sandbox.enabled=true, for the sandbox adapters).");
        }
    }

    static List<String> missingEndpoints(boolean sandboxEnabled, DataSharingConfig config) {
        List<String> missing = new ArrayList<>();
        if (sandboxEnabled) {
            return missing;
        }
        if (config.housingRegistryUrl().isEmpty()) {
            missing.add("hpf.datasharing.housing-registry-url");
        }
        if (config.civilAffairsUrl().isEmpty()) {
            missing.add("hpf.datasharing.civil-affairs-url");
        }
        if (config.depositNetworkUrl().isEmpty()) {
            missing.add("hpf.datasharing.deposit-network-url");
        }
        return missing;
    }

    @Produces
    @ApplicationScoped
    HousingRegistry housingRegistry() {
        return sandbox.enabled() ? new SandboxDataSharing(db) : UnreachablePlatform.INSTANCE;
    }

    @Produces
    @ApplicationScoped
    CivilAffairs civilAffairs() {
        return sandbox.enabled() ? new SandboxDataSharing(db) : UnreachablePlatform.INSTANCE;
    }

    @Produces
    @ApplicationScoped
    DepositNetwork depositNetwork() {
        return sandbox.enabled() ? new SandboxDataSharing(db) : UnreachablePlatform.INSTANCE;
    }
}
