package cn.hpf.mobile.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both contracts pass Redocly's recommended rules with zero errors. The linter (@redocly/cli, the version pinned
 * in bin/tools) is installed from the npm registry into .tools/ by bin/test.
 */
class OpenApiLintTest {

    private static final Path REDOCLY = Path.of(".tools/node_modules/.bin/redocly");

    @Test
    void bothContractsLintWithoutErrors() throws IOException, InterruptedException {
        assertThat(REDOCLY).as("the linter: run bin/test (or bin/tools) to install it").exists();
        List<String> errors = new ArrayList<>();
        for (String file : List.of("openapi/hpf-mobile.yaml", "openapi/hpf-partner.yaml")) {
            ProcessBuilder pb = new ProcessBuilder(REDOCLY.toString(), "lint", "--format=json", file)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("REDOCLY_TELEMETRY", "off");
            pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            JsonNode report = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
            for (JsonNode problem : report.path("problems")) {
                if ("error".equals(problem.path("severity").asText())) {
                    errors.add(file + ": " + problem.path("ruleId").asText() + " " + problem.path("message").asText()
                            + " at " + problem.path("location").toString());
                }
            }
            assertThat(Files.exists(Path.of(file))).isTrue();
        }
        assertThat(errors).isEmpty();
    }
}
