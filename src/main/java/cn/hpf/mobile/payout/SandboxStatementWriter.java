package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.common.Zones;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * The sandbox bank delivers each day's statement after the day, as a bank does: yesterday's (Asia/Shanghai), and
 * any of the week before that is missing, is written once. Today's is written on demand only
 * (POST /sandbox/bank/statements).
 */
@ApplicationScoped
public class SandboxStatementWriter {

    private static final Logger LOG = Logger.getLogger(SandboxStatementWriter.class);

    /** Yesterday's and the days before it that are missing: the demo's history covers the last week. */
    static final int DAYS_BACK = 7;

    private final SandboxConfig sandbox;
    private final SandboxBank bank;
    private final Clock clock;

    public SandboxStatementWriter(SandboxConfig sandbox, SandboxBank bank, Clock clock) {
        this.sandbox = sandbox;
        this.bank = bank;
        this.clock = clock;
    }

    @Scheduled(every = "${hpf.bank.sandbox.statement-check:10m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> writeYesterday() {
        if (!sandbox.enabled()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = LocalDate.now(clock.withZone(Zones.SHANGHAI));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int back = DAYS_BACK; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            chain = chain.chain(() -> write(day));
        }
        return chain;
    }

    private Uni<Void> write(LocalDate day) {
        return bank.writeStatementIfMissing(day)
                .invoke(wrote -> {
                    if (wrote) {
                        LOG.infof("Sandbox bank: statement of %s written to %s", day, bank.statementFile(day));
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Sandbox bank: statement of %s not written (%s)", day,
                        e.toString()))
                .onFailure().recoverWithNull();
    }
}
