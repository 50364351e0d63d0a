package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.SandboxConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the bank: the sandbox bank when {@code hpf.sandbox.enabled}, else the real one at
 * {@code hpf.bank.endpoint}. Without either the application refuses to start: payouts must never silently go
 * nowhere.
 */
@ApplicationScoped
public class BankGatewayProducer {

    private final SandboxConfig sandbox;
    private final Optional<String> endpoint;
    private final Instance<SandboxBank> sandboxBank;

    public BankGatewayProducer(SandboxConfig sandbox, @ConfigProperty(name = "hpf.bank.endpoint") Optional<String> endpoint,
                               Instance<SandboxBank> sandboxBank) {
        this.sandbox = sandbox;
        this.endpoint = endpoint.filter(e -> !e.isBlank());
        this.sandboxBank = sandboxBank;
    }

    void checkOnStart(@Observes StartupEvent event) {
        if (!sandbox.enabled() && endpoint.isEmpty()) {
            throw new IllegalStateException("No bank configured: set hpf.bank.endpoint to the payout bank's URL, "
                    + "or hpf.sandbox.enabled=true to use the sandbox bank (demo and load tests only).");
        }
    }

    @Produces
    @ApplicationScoped
    BankGateway bank() {
        if (sandbox.enabled()) {
            return sandboxBank.get();
        }
        return new UnavailableRealBank(endpoint.orElseThrow(() -> new IllegalStateException("hpf.bank.endpoint")));
    }
}
