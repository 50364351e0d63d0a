package cn.hpf.mobile.signin;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The production SMS gateway: a JSON POST {@code {"mobile": …, "text": …}} to the configured endpoint with the
 * centre's API key in a header. Any 2xx means the gateway took the message; anything else, or no answer within the
 * timeout, is 503 SMS_UNAVAILABLE (the member asks for a code again).
 */
class HttpSmsGateway implements SmsGateway {

    private static final Logger LOG = Logger.getLogger(HttpSmsGateway.class);

    private final WebClient http;
    private final String endpoint;
    private final String apiKeyHeader;
    private final String apiKey;
    private final Duration timeout;

    HttpSmsGateway(Vertx vertx, String endpoint, String apiKeyHeader, String apiKey, Duration timeout) {
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) timeout.toMillis()));
        this.endpoint = endpoint;
        this.apiKeyHeader = apiKeyHeader;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public Uni<Void> send(String mobile, String text) {
        return http.postAbs(endpoint)
                .putHeader(apiKeyHeader, apiKey)
                .timeout(timeout.toMillis())
                .sendJsonObject(new JsonObject().put("mobile", mobile).put("text", text))
                .onFailure().transform(e -> {
                    LOG.warnf("SMS gateway unreachable: %s", e.toString());
                    return unavailable();
                })
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        LOG.warnf("SMS gateway refused a message: HTTP %d", response.statusCode());
                        throw unavailable();
                    }
                    return null;
                });
    }

    static ApiException unavailable() {
        return ApiException.unavailable("SMS_UNAVAILABLE", "The sign-in code could not be sent just now; ask for "
                + "a new one in a minute.", 60);
    }
}
