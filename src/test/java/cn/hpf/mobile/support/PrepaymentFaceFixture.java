package cn.hpf.mobile.support;

import java.util.UUID;

/** Face verifications in a chosen state, written straight to PostgreSQL (the face flow is another issue's). */
public final class PrepaymentFaceFixture {

    private PrepaymentFaceFixture() {
    }

    /** PASSED just now for PREPAYMENT, usable for 5 minutes. */
    public static UUID passed(long memberId) {
        return insert(memberId, "PREPAYMENT", "PASSED", "now() + interval '5 minutes'");
    }

    public static UUID withPurpose(long memberId, String purpose) {
        return insert(memberId, purpose, "PASSED", "now() + interval '5 minutes'");
    }

    public static UUID pending(long memberId) {
        return insert(memberId, "PREPAYMENT", "PENDING", null);
    }

    /** Passed more than 5 minutes ago: no longer usable. */
    public static UUID stale(long memberId) {
        return insert(memberId, "PREPAYMENT", "PASSED", "now() - interval '1 second'");
    }

    private static UUID insert(long memberId, String purpose, String status, String usableUntil) {
        UUID id = UUID.randomUUID();
        boolean passed = "PASSED".equals(status);
        Db.exec("INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, certify_url, channel, "
                + "expires_at, passed_at, usable_until) VALUES ('" + id + "', " + memberId + ", '" + purpose + "', '"
                + status + "', 'test-" + id + "', 'https://face.sandbox.example/certify/" + id + "', 'APP', "
                + "now() + interval '10 minutes', " + (passed ? "now()" : "NULL") + ", "
                + (usableUntil == null ? "NULL" : usableUntil) + ")");
        return id;
    }
}
