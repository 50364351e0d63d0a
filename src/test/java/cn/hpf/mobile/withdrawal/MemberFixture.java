package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.support.Db;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh members for money tests (ids from 5000 up, new database every run): an account whose balance is one
 * transfer-in entry, one bank card, optionally an HPF loan. Password Demo@2026 like the demo members.
 */
final class MemberFixture {

    private static final AtomicLong NEXT = new AtomicLong(5000);
    private static final String DEMO_HASH =
            "pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow";

    record Member(long id, String memberNo, String idNumber, long cardId, Long loanId) {
    }

    private MemberFixture() {
    }

    static Member create(long balanceFen, boolean withLoan) {
        long id = NEXT.incrementAndGet();
        String memberNo = "3399" + String.format("%08d", id);
        String idNumber = "33019919900101" + String.format("%04d", id % 10000);
        Db.exec("INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash) VALUES (" + id + ", '"
                + memberNo + "', '测试" + id + "', '" + idNumber + "', DATE '1990-01-01', '" + DEMO_HASH + "')");
        Db.exec("INSERT INTO account (member_id, status, status_since, balance_fen, deposit_base_fen, employer_rate, "
                + "member_rate, last_deposit_month) VALUES (" + id + ", 'NORMAL', DATE '2020-01-01', " + balanceFen
                + ", 1000000, 0.12, 0.12, date_trunc('month', now())::date)");
        Db.exec("INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description) VALUES ("
                + id + ", 'TRANSFER_IN', " + balanceFen + ", " + balanceFen + ", 'fixture')");
        long cardId = id * 10;
        Db.exec("INSERT INTO bank_card (id, member_id, bank_code, bank_name, masked_number, holder_name) VALUES ("
                + cardId + ", " + id + ", 'ICBC', 'ICBC', '6222 **** **** 0000', '测试')");
        Long loanId = null;
        if (withLoan) {
            loanId = id * 10;
            Db.exec("INSERT INTO loan (id, member_id, contract_no, principal_fen, outstanding_principal_fen, annual_rate, "
                    + "term_months, method, start_date, lending_bank, lending_bank_account) VALUES (" + loanId + ", " + id
                    + ", 'FIX-" + id + "', 90000000000, 90000000000, 0.031, 360, 'EQUAL_INSTALMENT', DATE '2022-01-01', "
                    + "'Bank', '3300 **** 0000')");
        }
        return new Member(id, memberNo, idNumber, cardId, loanId);
    }

    static long held(long memberId) {
        return Db.queryLong("SELECT held_fen FROM account WHERE member_id = " + memberId);
    }

    static long withdrawals(long memberId) {
        return Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = " + memberId);
    }
}
