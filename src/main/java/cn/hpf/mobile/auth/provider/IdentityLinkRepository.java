package cn.hpf.mobile.auth.provider;

import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IdentityLinkRepository {

    /** The member a provider account is linked to, or null. */
    public record Linked(long memberId, String memberNo) {
    }

    /**
     * The stored link, or else a new one to the only member holding the verified ID number: one statement, so that
     * two first sign-ins racing on two replicas write one link. No ID number given: only the stored link counts.
     */
    private static final NamedSql LINK = NamedSql.of("""
            WITH found AS (
                SELECT member_id FROM member_identity_link WHERE issuer = #{issuer} AND subject = #{subject}
            ), candidate AS (
                SELECT min(id) AS id FROM member
                 WHERE #{idNumber}::text IS NOT NULL AND id_number = #{idNumber}
                HAVING count(*) = 1
            ), linked AS (
                INSERT INTO member_identity_link (issuer, subject, member_id)
                SELECT #{issuer}, #{subject}, candidate.id FROM candidate WHERE NOT EXISTS (SELECT 1 FROM found)
                ON CONFLICT (issuer, subject) DO NOTHING
                RETURNING member_id
            )
            SELECT m.id, m.member_no
              FROM (SELECT member_id FROM found UNION ALL SELECT member_id FROM linked) l
              JOIN member m ON m.id = l.member_id""");

    private final Pool db;

    public IdentityLinkRepository(Pool db) {
        this.db = db;
    }

    public Uni<Linked> link(String issuer, String subject, String idNumber) {
        return db.preparedQuery(LINK.sql())
                .execute(LINK.bind().set("issuer", issuer).set("subject", subject).set("idNumber", idNumber).tuple())
                .map(IdentityLinkRepository::first);
    }

    /** The member already has another account of this provider. */
    public static boolean isSecondAccount(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "member_identity_link_one_per_member".equals(pg.getConstraint());
    }

    private static Linked first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row r = it.next();
        return new Linked(r.getLong("id"), r.getString("member_no"));
    }
}
