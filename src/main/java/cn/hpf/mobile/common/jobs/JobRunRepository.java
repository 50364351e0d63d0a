package cn.hpf.mobile.common.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@ApplicationScoped
public class JobRunRepository {

    private static final String CLAIM = """
            INSERT INTO job_run (job, fire_time, instance) VALUES ($1, $2, $3)
            ON CONFLICT (job, fire_time) DO NOTHING
            RETURNING job
            """;

    private final Pool db;

    public JobRunRepository(Pool db) {
        this.db = db;
    }

    /** True for the first replica that claims this run of the job. */
    Uni<Boolean> claim(String job, Instant fireTime, String instance) {
        return db.preparedQuery(CLAIM).execute(Tuple.of(job, OffsetDateTime.ofInstant(fireTime, ZoneOffset.UTC), instance))
                .map(rows -> rows.rowCount() == 1);
    }
}
