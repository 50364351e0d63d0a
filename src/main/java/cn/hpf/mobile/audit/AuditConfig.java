package cn.hpf.mobile.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit log's sealing job. */
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
}
