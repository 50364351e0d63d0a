package cn.hpf.mobile.common.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * The brute-force limits of the guessable routes (password login, face verification, certificate check), each
 * counted per member and per client address in Redis. Every limit's defaults are in application.properties.
 */
@ConfigMapping(prefix = "hpf.rate-limit")
public interface RateLimitConfig {

    /** Off for the load generators (bin/bench, bin/loadtest, the fuzzer), which all come from one address. */
    @WithDefault("true")
    boolean enabled();

    /** Password login: the sandbox member and operator logins and step 1 of the app's own sign-in. */
    Action login();

    /** Face verifications a member opens (POST /v1/face-verifications). */
    Action face();

    /** The public certificate check; it names no member, so only its address limit applies. */
    Action certificate();

    interface Action {
        Limit member();

        Limit address();
    }

    interface Limit {
        /** Attempts (answered or not) within {@link #window()}; 0: no bound. */
        @WithDefault("0")
        int attempts();

        @WithDefault("PT1M")
        Duration window();

        /** Failures within {@link #failureWindow()} that lock the member or address for {@link #lock()}; 0: none. */
        @WithDefault("0")
        int failures();

        @WithName("failure-window")
        @WithDefault("PT15M")
        Duration failureWindow();

        @WithDefault("PT15M")
        Duration lock();
    }
}
