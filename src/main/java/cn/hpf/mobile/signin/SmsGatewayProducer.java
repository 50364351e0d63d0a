package cn.hpf.mobile.signin;

import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the SMS gateway: the recording sandbox gateway when {@code hpf.sandbox.enabled}, else the real one at
 * {@code hpf.sms.endpoint} ({@link SignInSettings} refuses to start without it).
 */
@ApplicationScoped
public class SmsGatewayProducer {

    private final SignInSettings settings;
    private final SmsConfig config;
    private final Instance<SandboxSmsGateway> sandboxGateway;
    private final Vertx vertx;

    public SmsGatewayProducer(SignInSettings settings, SmsConfig config, Instance<SandboxSmsGateway> sandboxGateway,
                              Vertx vertx) {
        this.settings = settings;
        this.config = config;
        this.sandboxGateway = sandboxGateway;
        this.vertx = vertx;
    }

    @Produces
    @ApplicationScoped
    SmsGateway gateway() {
        if (settings.sandbox()) {
            return sandboxGateway.get();
        }
        return new HttpSmsGateway(vertx, settings.smsEndpoint(), config.apiKeyHeader(), settings.smsApiKey(),
                config.timeout());
    }
}
