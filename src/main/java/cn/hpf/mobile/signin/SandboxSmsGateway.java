package cn.hpf.mobile.signin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox SMS gateway: delivers nothing, records every message so that the demo and the tests can read the
 * codes ({@code GET /sandbox/sms/messages}). Selected only when hpf.sandbox.enabled=true.
 */
@ApplicationScoped
@Typed(SandboxSmsGateway.class)
public class SandboxSmsGateway implements SmsGateway {

    public record Message(String mobile, String text, OffsetDateTime sentAt) {
    }

    private final Pool db;
    private final Clock clock;

    public SandboxSmsGateway(Pool db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Uni<Void> send(String mobile, String text) {
        return db.preparedQuery("INSERT INTO sandbox_sms_message (mobile, text, sent_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(mobile, text, OffsetDateTime.now(clock)))
                .replaceWithVoid();
    }

    /** Forgets messages sent before {@code before}: the sandbox needs the last codes only. */
    public Uni<Integer> prune(OffsetDateTime before) {
        return db.preparedQuery("DELETE FROM sandbox_sms_message WHERE sent_at < $1")
                .execute(Tuple.of(before))
                .map(rows -> rows.rowCount());
    }

    /** The number's messages, newest first. */
    public Uni<List<Message>> messages(String mobile, int limit) {
        return db.preparedQuery("SELECT mobile, text, sent_at FROM sandbox_sms_message WHERE mobile = $1 "
                        + "ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(mobile, limit))
                .map(rows -> {
                    List<Message> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Message(r.getString(0), r.getString(1), r.getOffsetDateTime(2)));
                    }
                    return out;
                });
    }
}
