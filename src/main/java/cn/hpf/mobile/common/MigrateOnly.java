package cn.hpf.mobile.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The schema migration as a one-off (the Kubernetes migrate Job): with {@code hpf.migrate-only} the application
 * starts, Flyway migrates the schema as part of the start, and the process exits.
 */
@ApplicationScoped
public class MigrateOnly {

    private static final Logger LOG = Logger.getLogger(MigrateOnly.class);

    private final boolean migrateOnly;

    public MigrateOnly(@ConfigProperty(name = "hpf.migrate-only", defaultValue = "false") boolean migrateOnly) {
        this.migrateOnly = migrateOnly;
    }

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        if (migrateOnly) {
            LOG.info("The schema is migrated; exiting (hpf.migrate-only)");
            Quarkus.asyncExit(0);
        }
    }
}
