package cn.hpf.mobile.security;

import cn.hpf.partner.client.HpfSignature;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one request exactly as given (the target is not re-encoded, so a partner's signature covers what is sent),
 * with the credentials of one kind of caller. An event stream is answered by its status only: it would not end.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A partner's credentials: the app's signing key and the member token it presents (or none). */
    record PartnerCredentials(String appId, String keyId, PrivateKey key, String memberToken) {
    }

    /** How a caller authenticates: nothing, a bearer token, or a partner's signature. */
    record Credentials(String bearer, PartnerCredentials partner) {
        static final Credentials NONE = new Credentials(null, null);

        static Credentials bearer(String token) {
            return new Credentials(token, null);
        }

        static Credentials partner(PartnerCredentials p) {
            return new Credentials(null, p);
        }
    }

    record Answer(int status, String contentType, String body) {
        boolean stream() {
            return contentType != null && contentType.startsWith("text/event-stream");
        }
    }

    private Http() {
    }

    static Answer send(String method, String target, byte[] body, Credentials who) {
        return send(method, target, body, who, Map.of());
    }

    /**
     * Sends; a 503 that says "retry shortly" before anything was done (SERVICE_BUSY: the pool is full;
     * SESSION_CHECK_UNAVAILABLE: the revocation list is too stale to trust, a loaded machine's hiccup) is asked
     * again, freshly signed, as a client would.
     */
    static Answer send(String method, String target, byte[] body, Credentials who, Map<String, String> headers) {
        Answer a = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            a = once(method, target, body, who, headers);
            if (!(a.status() == 503 && (a.body().contains("\"SERVICE_BUSY\"")
                    || a.body().contains("\"SESSION_CHECK_UNAVAILABLE\"")))) {
                return a;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return a;
            }
        }
        return a;
    }

    private static Answer once(String method, String target, byte[] body, Credentials who,
                               Map<String, String> headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + target))
                .timeout(Duration.ofSeconds(30));
        boolean hasBody = body != null && body.length > 0;
        if (hasBody) {
            r.header("Content-Type", "application/json; charset=utf-8");
        }
        if (!"GET".equals(method)) {
            r.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        headers.forEach(r::header);
        if (who.bearer() != null) {
            r.header("Authorization", "Bearer " + who.bearer());
        }
        if (who.partner() != null) {
            PartnerCredentials p = who.partner();
            String ts = Long.toString(Instant.now().getEpochSecond());
            String nonce = HpfSignature.newNonce();
            String sig = HpfSignature.sign(p.key(), HpfSignature.requestBytes(method, target, ts, nonce, body));
            r.header("Authorization", HpfSignature.authorization(p.appId(), p.keyId(), ts, nonce, sig));
            if (p.memberToken() != null) {
                r.header(HpfSignature.MEMBER_TOKEN_HEADER, p.memberToken());
            }
        }
        r.method(method, hasBody ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<InputStream> response = CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream in = response.body()) {
                String text = type != null && type.startsWith("text/event-stream") ? ""
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), type, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
