package cn.hpf.mobile.signin;

import cn.hpf.mobile.signin.SandboxSmsGateway.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The messages the sandbox SMS gateway recorded instead of sending them. */
@ApplicationScoped
public class SandboxSmsRepository {

    private final Pool db;

    public SandboxSmsRepository(Pool db) {
        this.db = db;
    }

    public Uni<Void> record(String mobile, String text, OffsetDateTime sentAt) {
        return db.preparedQuery("INSERT INTO sandbox_sms_message (mobile, text, sent_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(mobile, text, sentAt))
                .replaceWithVoid();
    }

    /** Forgets messages sent before {@code before}. */
    public Uni<Integer> forgetBefore(OffsetDateTime before) {
        return db.preparedQuery("DELETE FROM sandbox_sms_message WHERE sent_at < $1")
                .execute(Tuple.of(before))
                .map(RowSet::rowCount);
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
