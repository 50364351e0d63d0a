package cn.hpf.mobile.demo;

import cn.hpf.mobile.common.SandboxConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Loads the deterministic demo members (sandbox, dev, test) once Flyway has migrated. The script is idempotent,
 * so every start may run it. Runs on the startup thread through the small JDBC pool, never on the event loop.
 */
@Singleton
public class DemoDataSeeder {

    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class);
    /** In order: members and accounts first, then what features add on top of them. */
    private static final java.util.List<String> SCRIPTS = java.util.List.of(
            "seed.sql", "admission.sql", "certificates.sql", "transfers.sql", "ops-history.sql");

    private final SandboxConfig sandbox;
    private final DataSource dataSource;

    public DemoDataSeeder(SandboxConfig sandbox, DataSource dataSource) {
        this.sandbox = sandbox;
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        if (!sandbox.seedDemoData()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String script : SCRIPTS) {
                st.execute(read(script));
            }
            LOG.info("Demo data is in place (members 330100000001…330100000008, password Demo@2026)");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not load the demo data", e);
        }
    }

    private static String read(String script) throws IOException {
        try (InputStream in = DemoDataSeeder.class.getResourceAsStream("/demo/" + script)) {
            if (in == null) {
                throw new IllegalStateException("demo/" + script + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
