package cn.hpf.mobile.signin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The app's own sign-in: one-time codes, their rate limits and the lockout after repeated failures. */
@ConfigMapping(prefix = "hpf.sign-in")
public interface SignInConfig {

    /**
     * HMAC-SHA256 key the one-time codes are stored under (and unknown logins are counted under), at least 32
     * characters. Required outside the sandbox.
     */
    @WithName("code-secret")
    Optional<String> codeSecret();

    /** How long an SMS code is valid. */
    @WithName("code-ttl")
    @WithDefault("PT5M")
    Duration codeTtl();

    /** Wrong codes a challenge takes; the last one kills it. */
    @WithName("code-max-attempts")
    @WithDefault("5")
    int codeMaxAttempts();

    /** The shortest time between two codes (or two face sign-ins started) for one member. */
    @WithName("send-interval")
    @WithDefault("PT60S")
    Duration sendInterval();

    /** Codes sent (and, counted apart, face sign-ins started) per member within an hour. */
    @WithName("sends-per-hour")
    @WithDefault("5")
    int sendsPerHour();

    /** Failures (wrong password, wrong code) within the failure window that lock the member's sign-in. */
    @WithName("lock-after-failures")
    @WithDefault("5")
    int lockAfterFailures();

    @WithName("failure-window")
    @WithDefault("PT15M")
    Duration failureWindow();

    @WithName("lock-duration")
    @WithDefault("PT15M")
    Duration lockDuration();

    /** Password checks (PBKDF2) running at once per replica; beyond them step 1 answers 503 SERVICE_BUSY. */
    @WithName("password-checks")
    @WithDefault("4")
    int passwordChecks();

    /** Period of the job that forgets old challenges and idle guard rows. */
    @WithName("housekeeping-every")
    @WithDefault("10m")
    String housekeepingEvery();

    Sandbox sandbox();

    interface Sandbox {
        /** Used when hpf.sign-in.code-secret is not set in the sandbox. Public: never in production. */
        @WithName("code-secret")
        @WithDefault("hpf-sandbox-sign-in-code-demo-secret-2026")
        String codeSecret();
    }
}
