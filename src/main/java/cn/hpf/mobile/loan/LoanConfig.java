package cn.hpf.mobile.loan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.loan")
public interface LoanConfig {

    /** A prepayment quote can be accepted for this long (and only while the loan is unchanged). */
    @WithDefault("PT15M")
    Duration quoteTtl();

    /**
     * When the 按月转账 job runs (Asia/Shanghai). Daily, so that a month skipped for a short balance is retried
     * after the next deposit; each loan is drawn at most once a month whatever the schedule. "off" disables it.
     * Read by {@link AutoTransferJob}'s @Scheduled expression, declared here so that it is documented and validated.
     */
    @WithDefault(AUTO_TRANSFER_CRON_DEFAULT)
    String autoTransferCron();

    String AUTO_TRANSFER_CRON_DEFAULT = "0 0 6 * * ?";
}
