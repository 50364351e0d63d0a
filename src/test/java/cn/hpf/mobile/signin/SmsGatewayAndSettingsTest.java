package cn.hpf.mobile.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.common.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production SMS adapter against a gateway of the test's own, and the refusal to start without config. */
class SmsGatewayAndSettingsTest {

    private static final String DEMO_SECRET = "hpf-sandbox-sign-in-code-demo-secret-2026";
    private static final String REAL_SECRET = "a-real-sign-in-code-secret-of-forty-chars";

    private static Vertx vertx;
    private static HttpServer gateway;
    private static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();
    private static final List<String> KEYS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger ANSWER = new AtomicInteger(200);

    @BeforeAll
    static void startGateway() {
        vertx = Vertx.vertx();
        gateway = vertx.createHttpServer().requestHandler(request -> request.body().subscribe().with(body -> {
            KEYS.add(request.getHeader("X-Api-Key"));
            RECEIVED.add(body.toJsonObject());
            request.response().setStatusCode(ANSWER.get()).endAndForget("{}");
        })).listen(0).await().atMost(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close().await().atMost(Duration.ofSeconds(5));
        vertx.close().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void theHttpGatewayPostsJsonWithTheApiKeyAndFailsAs503OnARefusal() {
        SmsGateway sms = new HttpSmsGateway(vertx, "http://127.0.0.1:" + gateway.actualPort() + "/send",
                "X-Api-Key", "centre-key", Duration.ofSeconds(2));
        ANSWER.set(200);
        sms.send("13800000002", "【住房公积金】您的登录验证码为123456").await().atMost(Duration.ofSeconds(5));
        assertThat(RECEIVED).last().satisfies(body -> {
            assertThat(body.getString("mobile")).isEqualTo("13800000002");
            assertThat(body.getString("text")).contains("123456");
        });
        assertThat(KEYS).last().isEqualTo("centre-key");

        ANSWER.set(500);
        assertThatThrownBy(() -> sms.send("13800000002", "x").await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("SMS_UNAVAILABLE");
                });
        SmsGateway nobody = new HttpSmsGateway(vertx, "http://127.0.0.1:9/send", "X-Api-Key", "k",
                Duration.ofSeconds(1));
        assertThatThrownBy(() -> nobody.send("13800000002", "x").await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SMS_UNAVAILABLE"));
    }

    @Test
    void outsideTheSandboxAStrongCodeSecretIsRequired() {
        assertThat(SignInSettings.resolveSecret(true, Optional.empty(), DEMO_SECRET)).isEqualTo(DEMO_SECRET);
        assertThatThrownBy(() -> SignInSettings.resolveSecret(false, Optional.empty(), DEMO_SECRET))
                .hasMessageContaining("hpf.sign-in.code-secret");
        assertThatThrownBy(() -> SignInSettings.resolveSecret(false, Optional.of("short"), DEMO_SECRET))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> SignInSettings.resolveSecret(false, Optional.of(DEMO_SECRET), DEMO_SECRET))
                .hasMessageContaining("public sandbox");
        assertThat(SignInSettings.resolveSecret(false, Optional.of(REAL_SECRET), DEMO_SECRET)).isEqualTo(REAL_SECRET);
    }

    @Test
    void outsideTheSandboxTheSmsGatewayIsRequiredAndChosen() {
        assertThat(SignInSettings.resolveSms(true, Optional.empty(), Optional.empty())).isNull();
        assertThatThrownBy(() -> SignInSettings.resolveSms(false, Optional.empty(), Optional.of("k")))
                .hasMessageContaining("hpf.sms.endpoint");
        assertThatThrownBy(() -> SignInSettings.resolveSms(false, Optional.of("https://sms.example"), Optional.empty()))
                .hasMessageContaining("hpf.sms.api-key");
        var production = new SignInSettings(false, REAL_SECRET, "https://sms.example/send", "k");
        SmsConfig config = new SmsConfig() {
            @Override
            public Optional<String> endpoint() {
                return Optional.of("https://sms.example/send");
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.of("k");
            }

            @Override
            public String apiKeyHeader() {
                return "X-Api-Key";
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }
        };
        assertThat(new SmsGatewayProducer(production, config, null, vertx).gateway())
                .isInstanceOf(HttpSmsGateway.class);
    }

    @Test
    void withTheSandboxOffTheSmsOutboxRouteAnswers404() {
        var production = new SignInSettings(false, REAL_SECRET, "https://sms.example/send", "k");
        assertThatThrownBy(() -> new SandboxSmsResource(production, null).messages("13800000002", 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void phoneNumbersAreMasked() {
        assertThat(SignInService.mask("13812345678")).isEqualTo("138****5678");
    }
}
