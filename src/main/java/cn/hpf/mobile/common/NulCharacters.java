package cn.hpf.mobile.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * PostgreSQL's text cannot hold U+0000: a value carrying it failed the statement it reached, answered 500. No
 * identifier, code or name of this API contains it, so it is refused where it comes in: in the path or the query
 * (400 INVALID_PARAMETER) and in any string of a JSON body (400 INVALID_PARAMETER naming the field).
 */
public class NulCharacters {

    @ServerRequestFilter(preMatching = true)
    public Response refuseInTarget(HttpServerRequest request) {
        // The raw request target, as sent: nothing is decoded (or refused for its escapes) here.
        String target = request.uri();
        if (target != null && (target.indexOf('\0') >= 0 || target.contains("%00"))) {
            return ProblemMappers.builder(400, Problem.of(400, "INVALID_PARAMETER",
                    "The request target carries the character U+0000, which no parameter may contain.", null,
                    request.path(), null)).build();
        }
        return null;
    }

    /** Every string of a JSON body: refused with the field's path when it carries U+0000. */
    @Singleton
    public static class InJson implements ObjectMapperCustomizer {

        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new Strings()));
        }
    }

    static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s != null && s.indexOf('\0') >= 0) {
                throw ctxt.weirdStringException(s, String.class, "carries the character U+0000");
            }
            return s;
        }
    }
}
