package cn.hpf.mobile.common.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How every JSON body is read, by the REST layer and by the routes that read their bytes by hand (the partner
 * API after its signature check, callbacks), all through the application's one ObjectMapper: a key given twice is
 * refused (two readers of the same bytes could otherwise each believe a different value), nesting is bounded, and
 * fields we do not know are ignored, so that partners may send what a later version of the API will read.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final int maxDepth;

    public StrictJson(RequestLimitsConfig limits) {
        this.maxDepth = limits.maxJsonDepth();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).build());
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
