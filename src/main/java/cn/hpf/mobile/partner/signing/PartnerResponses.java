package cn.hpf.mobile.partner.signing;

import cn.hpf.mobile.common.ResponseSignatures;
import cn.hpf.partner.client.HpfSignature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Signs every /partner/** answer, errors included, over the exact bytes sent: the entity is serialized here (with
 * the application's ObjectMapper, as it would have been) and the bytes are what goes out. The nonce is the
 * request's, binding the answer to it; a request without a usable nonce gets a fresh one.
 */
@ApplicationScoped
public class PartnerResponses implements ResponseSignatures {

    static final String PREFIX = "/partner/";

    private final CentreKeys keys;
    private final ObjectMapper json;
    private final Clock clock;

    public PartnerResponses(CentreKeys keys, ObjectMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    @ServerResponseFilter
    public void sign(ContainerRequestContext request, ContainerResponseContext response) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith(PREFIX)) {
            return;
        }
        byte[] body = bytes(response.getEntity());
        if (response.hasEntity()) {
            response.setEntity(body, response.getEntityAnnotations(), response.getMediaType());
        }
        headers(path, request.getHeaderString(HttpHeaders.AUTHORIZATION), body)
                .forEach((name, value) -> response.getHeaders().putSingle(name, value));
        if (response.getStatus() == 401) {
            response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, HpfSignature.SCHEME);
        }
    }

    @Override
    public Map<String, String> headers(String path, String requestAuthorization, byte[] body) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Map.of();
        }
        String nonce = SignatureHeader.nonceOf(requestAuthorization);
        CentreKeys.Signed s = keys.sign(clock.instant().getEpochSecond(), nonce == null ? HpfSignature.newNonce() : nonce,
                body);
        Map<String, String> h = new LinkedHashMap<>();
        h.put(HpfSignature.KEY_ID_HEADER, s.keyId());
        h.put(HpfSignature.TIMESTAMP_HEADER, s.timestamp());
        h.put(HpfSignature.NONCE_HEADER, s.nonce());
        h.put(HpfSignature.SIGNATURE_HEADER, s.signature());
        h.put("Cache-Control", "no-store");
        return h;
    }

    private byte[] bytes(Object entity) {
        if (entity == null) {
            return new byte[0];
        }
        if (entity instanceof byte[] b) {
            return b;
        }
        if (entity instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a partner answer", e);
        }
    }
}
