package cn.hpf.mobile.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes what admission's one statement writes for an accepted withdrawal — a CONSUMED face verification, the
 * withdrawal, {@code held += amount} with {@code version + 1} (only where balance − held ≥ amount), a loan
 * repayment's {@code pending_repayment_fen} and the outbox row — in one transaction, so payout tests do not depend on admission. Optionally scripts the sandbox bank's
 * answer, leaves it PAYING or leased (crash scenarios), or creates a fresh member to keep tests apart.
 */
public final class WithdrawalFixture {

    private static final AtomicLong NEXT_MEMBER = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 10);

    private final long memberId;
    private String category = "RENT";
    private long amountFen = 10_000;
    private Long bankCardId;
    private Long loanId;
    private String status = "ACCEPTED";
    private String lockedBy;
    private int attempts;
    private long lockedForSeconds;
    private boolean outbox = true;
    private String scriptOutcome;
    private String scriptReason;
    private int scriptTimeouts;
    private UUID id = UUID.randomUUID();

    private WithdrawalFixture(long memberId) {
        this.memberId = memberId;
    }

    public static WithdrawalFixture of(Member member) {
        return new WithdrawalFixture(member.id()).card(member.cardId());
    }

    public WithdrawalFixture category(String category) {
        this.category = category;
        return this;
    }

    public WithdrawalFixture amount(long amountFen) {
        this.amountFen = amountFen;
        return this;
    }

    public WithdrawalFixture card(long bankCardId) {
        this.bankCardId = bankCardId;
        return this;
    }

    /** LOAN_REPAYMENT: paid to the loan's lending bank account, not to a card. */
    public WithdrawalFixture loan(long loanId) {
        this.loanId = loanId;
        this.bankCardId = null;
        this.category = "LOAN_REPAYMENT";
        return this;
    }

    /** As if a dispatcher leased it (attempt 1: PAYING) and then died, before or after calling the bank. */
    public WithdrawalFixture paying() {
        this.attempts = 1;
        return this;
    }

    /** PAYING as versions before V10 wrote it: on the withdrawal row itself. */
    public WithdrawalFixture payingOnTheRow() {
        this.status = "PAYING";
        this.attempts = 1;
        return this;
    }

    /** The outbox row leased by {@code instance}; a negative duration means the lease already expired. */
    public WithdrawalFixture leasedBy(String instance, long seconds) {
        this.lockedBy = instance;
        this.lockedForSeconds = seconds;
        return this;
    }

    /** The withdrawal without its outbox row (lost), for recovery to restore. */
    public WithdrawalFixture withoutOutbox() {
        this.outbox = false;
        return this;
    }

    /** The sandbox bank pays, after answering {@code timeouts} calls with a timeout. */
    public WithdrawalFixture bankPays(int timeouts) {
        this.scriptOutcome = "PAID";
        this.scriptReason = null;
        this.scriptTimeouts = timeouts;
        return this;
    }

    /** The sandbox bank rejects definitively with this reason code. */
    public WithdrawalFixture bankRejects(String reasonCode) {
        this.scriptOutcome = "REJECTED";
        this.scriptReason = reasonCode;
        this.scriptTimeouts = 0;
        return this;
    }

    /** A chosen id, e.g. to listen for the withdrawal before it exists. */
    public WithdrawalFixture id(UUID id) {
        this.id = id;
        return this;
    }

    public UUID create() {
        UUID faceId = UUID.randomUUID();
        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            if (scriptOutcome != null) {
                update(c, "INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code, timeouts) "
                        + "VALUES (?, ?, ?, ?)", id, scriptOutcome, scriptReason, scriptTimeouts);
            }
            update(c, "INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, certify_url, channel, "
                    + "expires_at, passed_at, usable_until, consumed_by, consumed_at) VALUES (?, ?, 'WITHDRAWAL', "
                    + "'CONSUMED', ?, ?, 'APP', now() + interval '5 minutes', now(), now() + interval '5 minutes', ?, "
                    + "now())", faceId, memberId, "fixture-" + faceId, "https://sandbox.example/face/" + faceId,
                    "withdrawal:" + id);
            int held = update(c, "UPDATE account SET held_fen = held_fen + ?, version = version + 1, updated_at = now() "
                    + "WHERE member_id = ? AND balance_fen - held_fen >= ?", amountFen, memberId, amountFen);
            if (held != 1) {
                throw new IllegalStateException("member " + memberId + " cannot hold " + amountFen);
            }
            if (loanId != null && update(c, "UPDATE loan SET pending_repayment_fen = pending_repayment_fen + ?, "
                    + "version = version + 1 WHERE id = ? AND outstanding_principal_fen - pending_repayment_fen >= ?",
                    amountFen, loanId, amountFen) != 1) {
                throw new IllegalStateException("loan " + loanId + " cannot take a repayment of " + amountFen);
            }
            update(c, "INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, loan_id, "
                    + "face_verification_id, status, budget_day, channel, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "'APP', ?)", id, memberId, category, amountFen, bankCardId, loanId, faceId, status,
                    LocalDate.now(ZoneId.of("Asia/Shanghai")), "member:" + memberId);
            if (outbox) {
                update(c, "INSERT INTO payout_outbox (withdrawal_id, attempts, locked_by, locked_until) VALUES (?, ?, ?, "
                        + "CASE WHEN ?::text IS NULL THEN NULL ELSE now() + ? * interval '1 second' END)",
                        id, attempts, lockedBy, lockedBy, lockedForSeconds);
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new member with a year of history (≈ 3–4 M fen), one real-time card and the demo password. */
    public static Member newMember() {
        long id = 1_000_000 + NEXT_MEMBER.incrementAndGet();
        String memberNo = "39" + String.format("%010d", id);
        Db.exec("INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash) "
                + "SELECT " + id + ", '" + memberNo + "', '测试 Payout', '330106199001011234', DATE '1990-01-01', "
                + "password_hash FROM member WHERE id = 1");
        Db.exec("INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, member_rate, "
                + "last_deposit_month) VALUES (" + id + ", 'NORMAL', DATE '2020-01-01', 1000000, 0.12, 0.12, "
                + "date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date - interval '1 month')");
        Db.exec("SELECT hpf_seed_history(" + id + ", " + id + ")");
        long cardId = Db.queryLong("INSERT INTO bank_card (member_id, bank_code, bank_name, masked_number, holder_name) "
                + "VALUES (" + id + ", 'ICBC', '中国工商银行 ICBC', '6222 **** **** " + (id % 10000) + "', '测试') "
                + "RETURNING id");
        return new Member(id, memberNo, cardId);
    }

    /** An active loan of this member, for LOAN_REPAYMENT payouts. */
    public static long newLoan(Member member, long outstandingFen) {
        return Db.queryLong("INSERT INTO loan (member_id, contract_no, principal_fen, outstanding_principal_fen, "
                + "annual_rate, term_months, method, start_date, lending_bank, lending_bank_account) VALUES ("
                + member.id() + ", 'TEST-" + member.id() + "-" + System.nanoTime() + "', " + Math.max(outstandingFen, 1)
                + ", " + outstandingFen + ", 0.031, 240, 'EQUAL_PRINCIPAL', DATE '2022-01-01', '中国建设银行 (委贷银行)', "
                + "'3300 **** **** " + member.id() % 10000 + "') RETURNING id");
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    public record Member(long id, String memberNo, long cardId) {
    }

    /** Reads one long from a query with parameters (tests may block). */
    public static long queryLong(String sql, Object... args) {
        try (Connection c = Db.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
