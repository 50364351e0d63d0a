package cn.hpf.mobile.signin;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;

/**
 * Forgets what sign-in no longer needs: challenges older than a day (long dead or used), guard rows idle for a day
 * whose lock has ended (their windows are an hour at most), and the sandbox gateway's old messages. Plain
 * conditional DELETEs: safe on every replica.
 */
@ApplicationScoped
public class SignInHousekeeping {

    static final Duration KEEP = Duration.ofDays(1);

    private final SignInRepository repository;
    private final SignInService clock;
    private final SignInSettings settings;
    private final Instance<SandboxSmsGateway> sandboxSms;

    public SignInHousekeeping(SignInRepository repository, SignInService clock, SignInSettings settings,
                              Instance<SandboxSmsGateway> sandboxSms) {
        this.repository = repository;
        this.clock = clock;
        this.settings = settings;
        this.sandboxSms = sandboxSms;
    }

    @Scheduled(identity = "sign-in-housekeeping", every = "${hpf.sign-in.housekeeping-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        var now = clock.now();
        var before = now.minus(KEEP);
        Uni<Integer> challenges = repository.forgetChallenges(before);
        return challenges
                .chain(() -> repository.forgetIdleGuards(before, now))
                .chain(() -> settings.sandbox() ? sandboxSms.get().prune(before) : Uni.createFrom().item(0))
                .replaceWithVoid();
    }
}
