package cn.hpf.mobile.support;

/**
 * Members that belong to one test class only (ids 90–99 are reserved for this), so that a test that moves
 * money or flushes caches never disturbs the shared demo members. Password: Demo@2026.
 */
public final class Members {

    private Members() {
    }

    /** Creates (idempotently) member {@code id} with a NORMAL account and a year of history; returns its number. */
    public static String ownMember(long id) {
        String memberNo = "3301000000" + id;
        Db.exec("INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash) "
                + "SELECT " + id + ", '" + memberNo + "', '测试" + id + "', '33010619900101" + (1000 + id)
                + "', DATE '1990-01-01', password_hash FROM member WHERE id = 1 ON CONFLICT DO NOTHING");
        Db.exec("INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, member_rate, "
                + "last_deposit_month) VALUES (" + id + ", 'NORMAL', DATE '2020-01-01', 500000, 0.12, 0.12, "
                + "date_trunc('month', now())::date - INTERVAL '1 month') ON CONFLICT DO NOTHING");
        Db.exec("SELECT hpf_seed_history(" + id + ", " + id + ")");
        return memberNo;
    }
}
