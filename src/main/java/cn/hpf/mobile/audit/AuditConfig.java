package cn.hpf.mobile.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The audit log's sealing job and the key its seals are signed with. */
@ConfigMapping(prefix = "hpf.audit")
public interface AuditConfig {

    /**
     * How often the sealing job runs (one replica at a time). Read by {@link AuditSealJob}'s @Scheduled expression,
     * declared here so that it is documented and validated.
     */
    @WithDefault("1m")
    String sealEvery();

    /**
     * Rows are sealed only once their transaction started this long ago. It must exceed twice the longest
     * transaction that appends audit rows (a bank-statement reconciliation may run hpf.db.long-statement-timeout),
     * or a row could commit into a range already sealed and be reported as forged.
     */
    @WithDefault("PT15M")
    Duration sealMargin();

    /** At most this many rows (plus the ids between them) per seal. */
    @WithDefault("5000")
    int sealRows();

    /**
     * The secret every new seal's HMAC-SHA256 is made with, at least 32 characters. It must not be stored where the
     * database's writers can read it: whoever holds it can forge seals. Sandbox, dev and test have their own; prod
     * refuses to start without one.
     */
    Optional<String> sealKey();

    /** The id stored with each seal made under {@link #sealKey()}, so that it can be rotated. */
    @WithDefault("k1")
    String sealKeyId();

    /**
     * Keys retired by a rotation, by id ({@code hpf.audit.seal-retired-keys.<id>=<secret>}): no new seal is made with
     * them, the seals they made are still verified. A seal whose key is in neither is reported as forged.
     */
    Map<String, String> sealRetiredKeys();
}
