package cn.hpf.mobile.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project rule, for the sign-in package: SQL only in *Repository classes, no other class holds a Pool. */
class SqlOnlyInRepositoriesTest {

    @Test
    void onlyRepositoriesOfTheSignInPackageTouchTheDatabase() throws IOException {
        Path dir = Path.of("src/main/java/cn/hpf/mobile/signin");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> offenders = files
                    .filter(f -> f.toString().endsWith(".java") && !f.toString().endsWith("Repository.java"))
                    .filter(f -> {
                        try {
                            String source = Files.readString(f);
                            return source.contains("io.vertx.mutiny.sqlclient.Pool")
                                    || source.contains("preparedQuery(") || source.contains(".query(");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(f -> f.getFileName().toString())
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }
}
