package cn.hpf.mobile.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This process's name among the replicas: what it leases and claims under. The configured name or $HOSTNAME says
 * where it runs; a random suffix drawn at every start makes it unique, so two replicas that share a host name (two
 * processes on one machine, a recycled pod name) can never take each other's leases for their own.
 */
@ApplicationScoped
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity(@ConfigProperty(name = "hpf.instance-name") Optional<String> name) {
        String base = name.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElse("hpf");
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        this.id = base + "-" + HexFormat.of().formatHex(suffix);
    }

    public String id() {
        return id;
    }
}
