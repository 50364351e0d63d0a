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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The checked-in contract (openapi/hpf-mobile.yaml) and the spec generated from the code must agree on every
 * path, operation, parameter, request body, response code and schema. Prose (descriptions, summaries, examples)
 * may differ: the file is where we polish it. On a mismatch the generated spec is written to
 * target/openapi-generated.yaml to diff against.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> PROSE = Set.of("description", "summary", "example", "examples", "title",
            "externalDocs", "deprecated");

    @Test
    void checkedInContractMatchesTheCode() throws IOException {
        String generatedYaml = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        Map<String, Object> generated = new Yaml().load(generatedYaml);
        Map<String, Object> contract = new Yaml().load(Files.readString(Path.of("openapi/hpf-mobile.yaml")));

        List<String> differences = new ArrayList<>();
        compare("openapi", contract.get("openapi"), generated.get("openapi"), differences);
        compare("paths", structure(contract.get("paths")), structure(generated.get("paths")), differences);
        compare("components", structure(contract.get("components")), structure(generated.get("components")),
                differences);
        if (!differences.isEmpty()) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/openapi-generated.yaml"), generatedYaml);
        }
        assertThat(differences).as("openapi/hpf-mobile.yaml differs from the code (generated spec in "
                + "target/openapi-generated.yaml)").isEmpty();
    }

    @Test
    void everyOperationHasAnIdAndDocumentsItsProblems() throws IOException {
        Map<String, Object> contract = new Yaml().load(Files.readString(Path.of("openapi/hpf-mobile.yaml")));
        Map<?, ?> paths = (Map<?, ?>) contract.get("paths");
        List<String> missing = new ArrayList<>();
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
        assertThat(missing).isEmpty();
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
