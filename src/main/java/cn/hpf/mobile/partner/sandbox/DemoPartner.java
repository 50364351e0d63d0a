package cn.hpf.mobile.partner.sandbox;

import cn.hpf.mobile.common.KeyPairFiles;
import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.mobile.partner.channel.ChannelRepository;
import cn.hpf.partner.client.Pem;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The sandbox's demo partner app (支付宝 sandbox), so that the partner tour runs right after bin/run: registered at
 * start with all scopes, its request-signing key pair generated like the demo signing keys (the private half in
 * {@code <keys-dir>/demo-partner.key.pem}, for the partner client), notifications to the sandbox's own receiver
 * ({@code hpf.partner.demo-notify-url}, {@link SandboxPartnerReceiver}).
 */
@Singleton
public class DemoPartner {

    public static final String APP_ID = "2026000000000001";
    public static final String KEY_ID = "demo-key-1";

    private static final Logger LOG = Logger.getLogger(DemoPartner.class);

    private final SandboxConfig sandbox;
    private final PartnerConfig config;
    private final ChannelRepository channels;
    public DemoPartner(SandboxConfig sandbox, PartnerConfig config, ChannelRepository channels) {
        this.sandbox = sandbox;
        this.config = config;
        this.channels = channels;
    }

    void onStart(@Observes @Priority(2000) StartupEvent event) {
        if (!sandbox.seedDemoData()) {
            return;
        }
        Path dir = Path.of(config.keysDir());
        KeyPairFiles.Loaded pair = KeyPairFiles.loadOrGenerate(dir.resolve("demo-partner.key.pem"),
                dir.resolve("demo-partner.pub.pem"), true, "");
        channels.registerDemo(APP_ID, "支付宝 Alipay (sandbox)", config.demoNotifyUrl(),
                "https://partner.example/hpf/consent-done", KEY_ID, Pem.publicKey(pair.publicKey()));
        LOG.infof("Demo partner app %s is registered (key %s, private key in %s)", APP_ID, KEY_ID,
                dir.resolve("demo-partner.key.pem").toAbsolutePath());
    }
}
