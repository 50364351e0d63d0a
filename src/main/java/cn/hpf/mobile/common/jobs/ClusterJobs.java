package cn.hpf.mobile.common.jobs;

import cn.hpf.mobile.common.InstanceIdentity;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Scheduled work that must happen once per cluster, not once per replica (every replica's scheduler fires at the
 * same instant). Each run is claimed in PostgreSQL by the job's name and its scheduled fire time, which every
 * replica computes alike; the first claim runs it, the others skip. A claimer that dies mid-run leaves the rest to
 * the job's next run, so such jobs must be resumable (they are: each step is idempotent).
 */
@ApplicationScoped
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);

    private final JobRunRepository runs;
    private final InstanceIdentity instance;

    public ClusterJobs(JobRunRepository runs, InstanceIdentity instance) {
        this.runs = runs;
        this.instance = instance;
    }

    public <T> Uni<T> once(String job, ScheduledExecution execution, Supplier<Uni<T>> work, T skipped) {
        return runs.claim(job, execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS), instance.id())
                .chain(claimed -> {
                    if (!claimed) {
                        LOG.debugf("%s at %s runs on another replica", job, execution.getScheduledFireTime());
                        return Uni.createFrom().item(skipped);
                    }
                    return Uni.createFrom().deferred(work::get);
                });
    }
}
