package cn.hpf.mobile.support;

import java.util.UUID;

/** Face verifications straight in the database, so admission tests need not drive the face provider. */
public final class FaceFixture {

    private FaceFixture() {
    }

    /** A PASSED WITHDRAWAL verification usable for the next 5 minutes. */
    public static UUID passed(long memberId) {
        return insert(memberId, "WITHDRAWAL", "PASSED", "now() + interval '5 minutes'");
    }

    /** Any state: purpose WITHDRAWAL/PREPAYMENT, status PENDING/PASSED/..., usableUntil an SQL expression. */
    public static UUID insert(long memberId, String purpose, String status, String usableUntilSql) {
        UUID id = UUID.randomUUID();
        boolean passedOnce = !status.equals("PENDING") && !status.equals("FAILED");
        Db.exec("INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, certify_url, channel, "
                + "expires_at, passed_at, usable_until, consumed_by, consumed_at) VALUES ('" + id + "', " + memberId
                + ", '" + purpose + "', '" + status + "', 'fixture-" + id + "', 'https://face.example/" + id + "', 'APP', "
                + "now() + interval '10 minutes', " + (passedOnce ? "now()" : "NULL") + ", "
                + (passedOnce ? usableUntilSql : "NULL") + ", "
                + (status.equals("CONSUMED") ? "'fixture:" + id + "', now()" : "NULL, NULL") + ")");
        return id;
    }

    public static String status(UUID id) {
        return Db.queryString("SELECT status FROM face_verification WHERE id = '" + id + "'");
    }
}
