package cn.hpf.mobile.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CredentialRepository {

    public record Credential(long id, String login, String passwordHash) {
    }

    private final Pool db;

    public CredentialRepository(Pool db) {
        this.db = db;
    }

    public Uni<Credential> member(String memberNo) {
        return db.preparedQuery("SELECT id, member_no, password_hash FROM member WHERE member_no = $1")
                .execute(Tuple.of(memberNo)).map(CredentialRepository::first);
    }

    public Uni<Credential> operator(String username) {
        return db.preparedQuery("SELECT id, username, password_hash FROM operator WHERE username = $1")
                .execute(Tuple.of(username)).map(CredentialRepository::first);
    }

    private static Credential first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row r = it.next();
        return new Credential(r.getLong(0), r.getString(1), r.getString(2));
    }
}
