package cn.hpf.partner.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partner platform's side of the hpf-mobile partner API: every request signed (HPF-SHA256-RSA2048), every answer
 * verified against the centre's published keys and bound to its request by the nonce, the consent flow's token
 * exchange, and the check of a notification the centre posts to the partner's notifyUrl.
 */
public final class PartnerClient {

    /** What the centre answered; {@link #verified()} says whether its signature was checked and good. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body, boolean verified) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + text(), e);
            }
        }

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The member tokens a consent (or a refresh) gave the partner. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn, String openId, List<String> scopes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofSeconds(300);

    private final URI base;
    private final String appId;
    private final String keyId;
    private final PrivateKey key;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Map<String, PublicKey> centreKeys = Map.of();

    public PartnerClient(URI base, String appId, String keyId, PrivateKey key) {
        this(base, appId, keyId, key, Clock.systemUTC());
    }

    public PartnerClient(URI base, String appId, String keyId, PrivateKey key, Clock clock) {
        this.base = base;
        this.appId = appId;
        this.keyId = keyId;
        this.key = key;
        this.clock = clock;
    }

    public String appId() {
        return appId;
    }

    public Reply get(String target, String memberToken) {
        return send("GET", target, null, memberToken);
    }

    /** POSTs {@code body} (serialized as JSON unless it is a String or bytes already). */
    public Reply post(String target, Object body, String memberToken) {
        return send("POST", target, bytes(body), memberToken);
    }

    /** Signs with the current time and a fresh nonce, sends, and verifies the answer. */
    public Reply send(String method, String target, byte[] body, String memberToken) {
        return send(method, target, body, memberToken, Long.toString(clock.instant().getEpochSecond()),
                HpfSignature.newNonce());
    }

    /** As {@link #send(String, String, byte[], String)} with a chosen timestamp and nonce. */
    public Reply send(String method, String target, byte[] body, String memberToken, String timestamp, String nonce) {
        String signature = HpfSignature.sign(key, HpfSignature.requestBytes(method, target, timestamp, nonce, body));
        return sendRaw(method, target, body, memberToken,
                HpfSignature.authorization(appId, keyId, timestamp, nonce, signature), nonce);
    }

    /** Sends with exactly this Authorization header (or none when null) and verifies the answer against nonce. */
    public Reply sendRaw(String method, String target, byte[] body, String memberToken, String authorization,
                         String nonce) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + target))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (memberToken != null) {
            request.header(HpfSignature.MEMBER_TOKEN_HEADER, memberToken);
        }
        if (body != null && body.length > 0) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        request.method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = exchange(request.build());
        Reply unverified = new Reply(response.statusCode(), response.headers().map(), response.body(), false);
        return new Reply(unverified.status(), unverified.headers(), unverified.body(),
                verifies(unverified.header(HpfSignature.KEY_ID_HEADER), unverified.header(HpfSignature.TIMESTAMP_HEADER),
                        unverified.header(HpfSignature.NONCE_HEADER), unverified.body(),
                        unverified.header(HpfSignature.SIGNATURE_HEADER), nonce));
    }

    /**
     * Whether a notification the centre posted is genuine: its key is one of the centre's, the signature covers
     * these exact bytes, and it is recent. (Its nonce is fresh; de-duplicate by the event's eventId.)
     */
    public boolean verifyNotification(Map<String, String> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return verifies(h.get("hpf-key-id"), h.get("hpf-timestamp"), h.get("hpf-nonce"), body,
                h.get("hpf-signature"), null);
    }

    /** Exchanges a consent's one-use code for member tokens (the code verifier proves it is ours). */
    public Tokens exchangeCode(String code, String codeVerifier) {
        return tokens(Map.of("grantType", "authorization_code", "code", code, "codeVerifier", codeVerifier));
    }

    /** A new access token (and a new refresh token: the old one is spent). */
    public Tokens refresh(String refreshToken) {
        return tokens(Map.of("grantType", "refresh_token", "refreshToken", refreshToken));
    }

    /** Where the partner sends its user to approve (opened outside the partner's web view). */
    public String consentUrl(String scopes, String state, String redirectUri, String codeChallenge) {
        return base.toString().replaceAll("/$", "") + "/h5/consent?appId=" + enc(appId) + "&scopes=" + enc(scopes)
                + "&state=" + enc(state) + "&redirectUri=" + enc(redirectUri) + "&codeChallenge=" + enc(codeChallenge);
    }

    /** The centre's response and notification keys, as published at /partner/v1/keys (fetched again on demand). */
    public Map<String, PublicKey> centreKeys() {
        HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + "/partner/v1/keys")).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the centre's keys answered " + r.statusCode());
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            for (JsonNode k : JSON.readTree(r.body()).path("keys")) {
                keys.put(k.path("keyId").asText(), Pem.readPublicKey(k.path("publicKeyPem").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the centre's keys are not JSON", e);
        }
        centreKeys = Map.copyOf(keys);
        return centreKeys;
    }

    private Tokens tokens(Map<String, String> body) {
        Reply r = post("/partner/v1/oauth/token", body, null);
        if (r.status() != 200 || !r.verified()) {
            throw new IllegalStateException("token exchange answered " + r.status() + ": " + r.text());
        }
        JsonNode j = r.json();
        List<String> scopes = new java.util.ArrayList<>();
        j.path("scopes").forEach(s -> scopes.add(s.asText()));
        return new Tokens(j.path("accessToken").asText(), j.path("refreshToken").asText(),
                j.path("expiresIn").asLong(), j.path("openId").asText(), List.copyOf(scopes));
    }

    private boolean verifies(String keyId, String timestamp, String nonce, byte[] body, String signature,
                             String expectedNonce) {
        if (keyId == null || timestamp == null || nonce == null || signature == null) {
            return false;
        }
        if (expectedNonce != null && !expectedNonce.equals(nonce)) {
            return false;
        }
        try {
            long at = Long.parseLong(timestamp);
            if (Math.abs(clock.instant().getEpochSecond() - at) > WINDOW.toSeconds()) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        PublicKey k = Optional.ofNullable(centreKeys.get(keyId)).orElseGet(() -> centreKeys().get(keyId));
        return k != null && HpfSignature.verify(k, HpfSignature.responseBytes(timestamp, nonce, body), signature);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
