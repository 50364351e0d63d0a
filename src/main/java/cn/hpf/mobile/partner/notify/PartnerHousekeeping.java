package cn.hpf.mobile.partner.notify;

import cn.hpf.mobile.common.jobs.ClusterJobs;
import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.mobile.partner.consent.ConsentHousekeeping;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Once a day per cluster: events past their retention, expired codes and tokens. */
@ApplicationScoped
public class PartnerHousekeeping {

    private static final Logger LOG = Logger.getLogger(PartnerHousekeeping.class);

    private final EventRepository events;
    private final ConsentHousekeeping consents;
    private final ClusterJobs jobs;
    private final PartnerConfig config;

    public PartnerHousekeeping(EventRepository events, ConsentHousekeeping consents, ClusterJobs jobs,
                               PartnerConfig config) {
        this.events = events;
        this.consents = consents;
        this.jobs = jobs;
        this.config = config;
    }

    @Scheduled(cron = "${hpf.partner.housekeeping-cron:0 23 3 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily(ScheduledExecution execution) {
        return jobs.once("partner-housekeeping", execution, () -> events.prune(config.delivery().retention())
                        .chain(n -> consents.prune().map(m -> n + m)), 0L)
                .invoke(n -> LOG.infof("Partner housekeeping removed %d row(s)", n))
                .onFailure().invoke(e -> LOG.warnf("Partner housekeeping failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
