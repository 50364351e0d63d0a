package cn.hpf.mobile.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The checked-in contracts and the spec generated from the code must agree on every path, operation, parameter,
 * request body, response code and schema: openapi/hpf-partner.yaml for /partner/**, openapi/hpf-mobile.yaml for
 * everything else, each with the schemas and security schemes its paths use. Prose (descriptions, summaries,
 * examples) may differ: the files are where we polish it. On a mismatch the generated spec is written to
 * target/openapi-generated.yaml to diff against.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> PROSE = Set.of("description", "summary", "example", "examples", "title",
            "externalDocs", "deprecated");

    /** A contract file and the served paths it covers. */
    record Contract(String file, Predicate<String> covers) {
    }

    static final List<Contract> CONTRACTS = List.of(
            new Contract("openapi/hpf-mobile.yaml", path -> !path.startsWith("/partner/")),
            new Contract("openapi/hpf-partner.yaml", path -> path.startsWith("/partner/")));

    @Test
    void eachContractMatchesTheCodeForItsPaths() throws IOException {
        String generatedYaml = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        Map<String, Object> generated = new Yaml().load(generatedYaml);
        List<String> differences = new ArrayList<>();
        for (Contract c : CONTRACTS) {
            Path file = Path.of(c.file());
            Map<String, Object> contract = Files.exists(file) ? new Yaml().load(Files.readString(file)) : Map.of();
            Map<String, Object> paths = only(map(generated.get("paths")), c.covers());
            Map<String, Object> components = map(generated.get("components"));
            Map<String, Object> schemas = map(components.get("schemas"));
            Set<String> used = referencedSchemas(paths, schemas);
            Map<String, Object> servedComponents = new TreeMap<>();
            servedComponents.put("schemas", only(schemas, used::contains));
            servedComponents.put("securitySchemes", only(map(components.get("securitySchemes")),
                    securitySchemesOf(paths)::contains));
            compare(c.file() + " openapi", contract.get("openapi"), generated.get("openapi"), differences);
            compare(c.file() + " paths", structure(contract.get("paths")), structure(paths), differences);
            compare(c.file() + " components", structure(contract.get("components")), structure(servedComponents),
                    differences);
        }
        Files.deleteIfExists(Path.of("target/openapi-generated.yaml"));
        if (!differences.isEmpty()) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/openapi-generated.yaml"), generatedYaml);
        }
        assertThat(differences).as("openapi/*.yaml differ from the code (generated spec in "
                + "target/openapi-generated.yaml)").isEmpty();
    }

    @Test
    void everyOperationHasAnIdAndDocumentsItsProblems() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Contract c : CONTRACTS) {
            Map<String, Object> contract = new Yaml().load(Files.readString(Path.of(c.file())));
            Map<?, ?> paths = (Map<?, ?>) contract.get("paths");
            paths.forEach((path, item) -> ((Map<?, ?>) item).forEach((method, op) -> {
                Map<?, ?> operation = (Map<?, ?>) op;
                if (operation.get("operationId") == null) {
                    missing.add(method + " " + path + ": operationId");
                }
                Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
                boolean documentsProblem = responses.entrySet().stream()
                        .filter(e -> e.getKey().toString().matches("[45]\\d\\d"))
                        .anyMatch(e -> String.valueOf(e.getValue()).contains("application/problem+json"));
                if (!documentsProblem) {
                    missing.add(method + " " + path + ": a problem+json error response");
                }
            }));
        }
        assertThat(missing).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    private static Map<String, Object> only(Map<String, Object> all, Predicate<String> keep) {
        Map<String, Object> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (keep.test(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Every schema the paths reference, and the schemas those reference, transitively. */
    private static Set<String> referencedSchemas(Object paths, Map<String, Object> schemas) {
        Set<String> found = new TreeSet<>();
        List<Object> todo = new ArrayList<>(List.of(paths));
        while (!todo.isEmpty()) {
            Object node = todo.remove(todo.size() - 1);
            if (node instanceof Map<?, ?> m) {
                Object ref = m.get("$ref");
                if (ref instanceof String r && r.startsWith("#/components/schemas/")) {
                    String name = r.substring("#/components/schemas/".length());
                    if (found.add(name) && schemas.containsKey(name)) {
                        todo.add(schemas.get(name));
                    }
                }
                todo.addAll(m.values());
            } else if (node instanceof List<?> l) {
                todo.addAll(l);
            }
        }
        return found;
    }

    private static Set<String> securitySchemesOf(Map<String, Object> paths) {
        Set<String> names = new TreeSet<>();
        paths.values().forEach(item -> map(item).values().forEach(op -> {
            Object security = map(op).get("security");
            if (security instanceof List<?> requirements) {
                requirements.forEach(req -> names.addAll(map(req).keySet()));
            }
        }));
        return names;
    }

    /** Drops prose and orders maps so that only the structure is compared. */
    private static Object structure(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> {
                if (!PROSE.contains(k.toString())) {
                    out.put(k.toString(), structure(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(structure(v)));
            return out;
        }
        return node;
    }

    private static void compare(String where, Object expected, Object actual, List<String> differences) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            Map<String, Object> keys = new LinkedHashMap<>();
            e.keySet().forEach(k -> keys.put(k.toString(), null));
            a.keySet().forEach(k -> keys.put(k.toString(), null));
            for (String k : keys.keySet()) {
                if (!e.containsKey(k)) {
                    differences.add(where + "." + k + ": in the code, missing from the contract");
                } else if (!a.containsKey(k)) {
                    differences.add(where + "." + k + ": in the contract, missing from the code");
                } else {
                    compare(where + "." + k, e.get(k), a.get(k), differences);
                }
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            differences.add(where + ": contract says " + expected + ", code says " + actual);
        }
    }
}
