package cn.hpf.mobile.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A key rotation keeps the old seals verifiable, and the application refuses to seal with a missing or short key. */
class AuditSealKeysTest {

    private static final String OLD = "old-audit-seal-key-0123456789abcdef";
    private static final String NEW = "new-audit-seal-key-0123456789abcdef";
    private static final String HASH = "ab".repeat(32);

    @Test
    void sealsOfARetiredKeyStillVerifyAndAnUnknownKeyOrAnotherMacDoesNot() {
        AuditSealKeys before = new AuditSealKeys(config(Optional.of(OLD), "k1", Map.of()));
        String oldMac = before.sign(7, HASH);

        AuditSealKeys after = new AuditSealKeys(config(Optional.of(NEW), "k2", Map.of("k1", OLD)));
        after.check(null, config(Optional.of(NEW), "k2", Map.of("k1", OLD)));
        assertThat(after.currentId()).isEqualTo("k2");
        assertThat(after.verifies("k1", 7, HASH, oldMac)).isTrue();
        assertThat(after.verifies("k2", 7, HASH, oldMac)).as("another key's MAC").isFalse();
        assertThat(after.verifies("k1", 8, HASH, oldMac)).as("another seal").isFalse();
        assertThat(after.verifies("k1", 7, "cd".repeat(32), oldMac)).as("another hash").isFalse();
        assertThat(after.verifies("k2", 7, HASH, after.sign(7, HASH))).isTrue();

        AuditSealKeys forgotten = new AuditSealKeys(config(Optional.of(NEW), "k2", Map.of()));
        assertThat(forgotten.knows("k1")).isFalse();
        assertThat(forgotten.verifies("k1", 7, HASH, oldMac)).isFalse();
        assertThat(forgotten.verifies(null, 7, HASH, null)).isFalse();
    }

    @Test
    void aMissingOrShortKeyStopsTheStart() {
        for (AuditConfig bad : new AuditConfig[] {config(Optional.empty(), "k1", Map.of()),
                config(Optional.of("short"), "k1", Map.of()), config(Optional.of(NEW), "bad id", Map.of()),
                config(Optional.of(NEW), "k2", Map.of("k1", "short")),
                config(Optional.of(NEW), "k2", Map.of("k2", OLD))}) {
            assertThatThrownBy(() -> new AuditSealKeys(bad).check(null, bad))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("hpf.audit.seal");
        }
    }

    private static AuditConfig config(Optional<String> key, String keyId, Map<String, String> retired) {
        return new AuditConfig() {
            @Override
            public String sealEvery() {
                return "1m";
            }

            @Override
            public Duration sealMargin() {
                return Duration.ofMinutes(15);
            }

            @Override
            public int sealRows() {
                return 5000;
            }

            @Override
            public Optional<String> sealKey() {
                return key;
            }

            @Override
            public String sealKeyId() {
                return keyId;
            }

            @Override
            public Map<String, String> sealRetiredKeys() {
                return retired;
            }
        };
    }
}
