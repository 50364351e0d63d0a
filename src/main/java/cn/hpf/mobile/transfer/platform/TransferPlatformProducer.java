package cn.hpf.mobile.transfer.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the platform: the sandbox platform when {@code hpf.sandbox.enabled}, else the real one at
 * {@code hpf.transfer.platform.endpoint} ({@link PlatformSettings} refuses to start without it).
 */
@ApplicationScoped
public class TransferPlatformProducer {

    private final PlatformSettings settings;
    private final Instance<SandboxTransferPlatform> sandboxPlatform;

    public TransferPlatformProducer(PlatformSettings settings, Instance<SandboxTransferPlatform> sandboxPlatform) {
        this.settings = settings;
        this.sandboxPlatform = sandboxPlatform;
    }

    @Produces
    @ApplicationScoped
    TransferPlatform platform() {
        if (settings.sandbox()) {
            return sandboxPlatform.get();
        }
        if (settings.endpoint() == null) {
            throw new IllegalStateException("hpf.transfer.platform.endpoint");
        }
        return new UnavailableRealPlatform(settings.endpoint());
    }
}
