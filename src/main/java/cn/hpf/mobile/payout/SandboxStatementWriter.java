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
 * The sandbox bank delivers each day's statement after the day, as a bank does: yesterday's (Asia/Shanghai) is
 * written once it is missing. Today's is written on demand only (POST /sandbox/bank/statements).
 */
@ApplicationScoped
public class SandboxStatementWriter {

    private static final Logger LOG = Logger.getLogger(SandboxStatementWriter.class);

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
        LocalDate yesterday = LocalDate.now(clock.withZone(Zones.SHANGHAI)).minusDays(1);
        return bank.writeStatementIfMissing(yesterday)
                .invoke(wrote -> {
                    if (wrote) {
                        LOG.infof("Sandbox bank: statement of %s written to %s", yesterday,
                                bank.statementFile(yesterday));
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Sandbox bank: statement of %s not written (%s)", yesterday,
                        e.toString()))
                .onFailure().recoverWithNull();
    }
}
