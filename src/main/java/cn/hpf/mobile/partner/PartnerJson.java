package cn.hpf.mobile.partner;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.UnreadableBodyException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Partner operations receive their body as bytes (the signature covers the exact bytes) and read it only once the
 * signature is good: with the application's own ObjectMapper, so that errors read as everywhere else.
 */
@ApplicationScoped
public class PartnerJson {

    private final ObjectMapper json;

    public PartnerJson(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the request as a JSON body.", null);
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UnreadableBodyException(e);
        } catch (IOException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The request body is not valid JSON.", null);
        }
        if (value == null) {
            // The JSON literal null is valid JSON but no request: refused like an absent body.
            throw ApiException.badRequest("BODY_REQUIRED", "Send the request as a JSON body.", null);
        }
        return value;
    }
}
