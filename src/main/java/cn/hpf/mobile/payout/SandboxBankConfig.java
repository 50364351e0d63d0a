package cn.hpf.mobile.payout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Behaviour of the sandbox bank (active only when {@code hpf.sandbox.enabled}). Rates are fractions 0..1. */
@ConfigMapping(prefix = "hpf.bank.sandbox")
public interface SandboxBankConfig {

    /** Each call waits a uniform random latency in [latency-min, latency-max], like a network round trip. */
    @WithDefault("PT0.05S")
    Duration latencyMin();

    @WithDefault("PT0.3S")
    Duration latencyMax();

    /** Share of new orders the bank rejects definitively (reason code {@code SANDBOX_REJECTED}). */
    @WithDefault("0.01")
    double failureRate();

    /** Share of calls answered with a timeout; a timed-out pay was still received (the answer was lost). */
    @WithDefault("0.01")
    double timeoutRate();

    /** Share of new orders the bank only confirms later: pay answers "processing", a query tells the outcome. */
    @WithDefault("0.2")
    double asyncConfirmRate();

    @WithDefault("PT0.1S")
    Duration confirmDelayMin();

    @WithDefault("PT0.6S")
    Duration confirmDelayMax();

    /**
     * Where the bank's daily statement files are written (statement-YYYY-MM-DD.csv) and read from. Each replica
     * writes its own copy from the shared books, so the directory need not be shared.
     */
    @WithDefault("${java.io.tmpdir}/hpf-sandbox-bank/statements")
    String statementDir();

    /** How often the sandbox bank checks that yesterday's statement (Asia/Shanghai) is written. */
    @WithDefault("10m")
    String statementCheck();
}
