package cn.hpf.mobile.loan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.loan")
public interface LoanConfig {

    /** A prepayment quote can be accepted for this long (and only while the loan is unchanged). */
    @WithDefault("PT15M")
    Duration quoteTtl();
}
