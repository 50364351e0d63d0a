package cn.hpf.mobile.common;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every error in this API is the same RFC 9457 problem+json, so the contract says so in one place instead of on
 * every annotation: an error response declared without content gets the {@link Problem} body, and every operation
 * behind a bearer token documents the 401 and 403 that the security layer answers for it, every operation with a
 * body the 400, 413 and 415 its body can earn.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            Map<?, Operation> operations = item.getOperations();
            if (operations != null) {
                operations.values().forEach(ProblemResponsesFilter::document);
            }
        });
    }

    private static void document(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        List<?> security = operation.getSecurity();
        if (security != null && !security.isEmpty()) {
            addIfAbsent(responses, "401", "Missing, expired or invalid token (UNAUTHENTICATED)");
            addIfAbsent(responses, "403", "The token's role may not use this operation (FORBIDDEN)");
        } else {
            // Public, and said so: no security requirement at all.
            operation.setSecurity(new java.util.ArrayList<>());
        }
        if (operation.getRequestBody() != null) {
            // What the request guard and the JSON reader answer for any body (common/http).
            addIfAbsent(responses, "400", "The body is not valid JSON (MALFORMED_JSON), gives a key twice "
                    + "(DUPLICATE_JSON_KEY) or nests too deeply (JSON_TOO_DEEP)");
            addIfAbsent(responses, "413", "The body is larger than the limit (BODY_TOO_LARGE)");
            addIfAbsent(responses, "415", "The body is not application/json in UTF-8 (UNSUPPORTED_MEDIA_TYPE)");
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.matches("[45]\\d\\d") && (response.getContent() == null
                    || response.getContent().getMediaTypes() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, header) -> {
                    if (header.getSchema() == null && header.getRef() == null) {
                        header.setSchema(OASFactory.createSchema().addType(
                                "Retry-After".equalsIgnoreCase(name) ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING));
                    }
                });
            }
        });
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, response);
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
