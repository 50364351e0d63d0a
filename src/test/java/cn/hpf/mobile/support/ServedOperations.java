package cn.hpf.mobile.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations the application serves, read from its own OpenAPI document (/q/openapi holds the mobile API and the
 * partner API), and those of the published contracts besides, should one of them ever be served apart. The one
 * enumeration the authorization matrix and the hostile-input test share, so that a new route escapes neither.
 */
public final class ServedOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final List<String> PUBLISHED = List.of("openapi/hpf-mobile.yaml", "openapi/hpf-partner.yaml");

    private ServedOperations() {
    }

    /** A parameter of an operation: where it goes (path, query, header) and its schema. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One served operation: its parameters (the path item's and its own), its JSON request body's schema (null when
     * it takes none) and the security schemes it names (empty: public).
     */
    public record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema,
                            String bodyMediaType, boolean bodyRequired, Set<String> security) {
        public String key() {
            return method + " " + path;
        }
    }

    /** The served document and its operations, in the order of {@link #keys()}. */
    public record Document(JsonNode root, List<Operation> operations) {

        /** The schema itself, or the component a {@code $ref} names. */
        public JsonNode resolve(JsonNode schema) {
            JsonNode s = schema;
            for (int hops = 0; s != null && s.has("$ref") && hops < 10; hops++) {
                String ref = s.get("$ref").asText();
                s = root.at(ref.substring(1));
                if (s.isMissingNode()) {
                    return null;
                }
            }
            return s;
        }
    }

    /** Path first, then method: an operation and its sub-resources stay together. */
    private static final Comparator<String> ORDER = (x, y) -> {
        int c = x.substring(x.indexOf(' ') + 1).compareTo(y.substring(y.indexOf(' ') + 1));
        return c != 0 ? c : x.compareTo(y);
    };

    /** "METHOD path" of every operation served, and of the published contracts besides. */
    public static Set<String> keys() {
        Set<String> keys = new TreeSet<>(ORDER);
        served().operations().forEach(op -> keys.add(op.key()));
        for (String file : PUBLISHED) {
            try {
                publishedKeys(Files.readString(Path.of(file)), keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    /** The document the running application serves, with each operation's parameters and body schema. */
    public static Document served() {
        JsonNode root;
        try {
            root = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            JsonNode item = p.getValue();
            item.fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    ops.add(operation(root, m.toUpperCase(), p.getKey(), item, item.get(m)));
                }
            });
        }
        ops.sort(Comparator.comparing(Operation::key, ORDER));
        return new Document(root, List.copyOf(ops));
    }

    private static Operation operation(JsonNode root, String method, String path, JsonNode item, JsonNode op) {
        List<Parameter> params = new ArrayList<>();
        for (JsonNode source : List.of(item.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : source) {
                JsonNode param = p.has("$ref") ? root.at(p.get("$ref").asText().substring(1)) : p;
                params.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                        param.path("required").asBoolean(false), param.path("schema")));
            }
        }
        JsonNode body = op.path("requestBody");
        JsonNode schema = null;
        String mediaType = null;
        Iterator<Map.Entry<String, JsonNode>> content = body.path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            mediaType = first.getKey();
            schema = first.getValue().path("schema");
        }
        Set<String> security = new TreeSet<>();
        op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(security::add));
        return new Operation(method, path, List.copyOf(params), schema, mediaType,
                body.path("required").asBoolean(false), security);
    }

    @SuppressWarnings("unchecked")
    private static void publishedKeys(String yaml, Set<String> keys) {
        Map<String, Object> doc = new Yaml().load(yaml);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(m -> keys.add(m.toUpperCase() + " " + path)));
    }
}
