package cn.hpf.mobile.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One state machine for the withdrawal: {@link WithdrawalStatus} in Java and withdrawal_transition in PostgreSQL
 * are the same table, the trigger refuses any other move whoever writes it, and no writer names a withdrawal state
 * as a bare string.
 */
@QuarkusTest
class WithdrawalStatusTest extends PayoutsPausedTest {

    @Test
    void javaAndPostgresHoldTheSameTransitions() throws Exception {
        Set<String> inPostgres = new TreeSet<>();
        try (Connection c = Db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT from_status || '>' || to_status FROM withdrawal_transition")) {
            while (rs.next()) {
                inPostgres.add(rs.getString(1));
            }
        }
        Set<String> inJava = new TreeSet<>();
        for (WithdrawalStatus from : WithdrawalStatus.values()) {
            from.next().forEach(to -> inJava.add(from + ">" + to));
        }
        assertThat(inPostgres).isEqualTo(inJava);
        assertThat(Db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conname = 'withdrawal_status_check'")).contains(
                List.of(WithdrawalStatus.values()).stream().map(Enum::name).toArray(String[]::new));
    }

    @Test
    void theStepsNeverGoBackAndOnlyTheOpenStatesWaitForTheBank() {
        assertThat(WithdrawalStatus.ACCEPTED.step()).isZero();
        for (WithdrawalStatus from : WithdrawalStatus.values()) {
            for (WithdrawalStatus to : from.next()) {
                assertThat(to.step()).as(from + " > " + to).isGreaterThan(from.step());
            }
        }
        assertThat(WithdrawalStatus.OPEN).containsExactlyInAnyOrder(WithdrawalStatus.ACCEPTED, WithdrawalStatus.PAYING);
        assertThat(WithdrawalStatus.PAID.sqlFrom()).isEqualTo("'ACCEPTED', 'PAYING'");
    }

    @Test
    void postgresRefusesAMoveTheMachineDoesNotAllow() {
        Fixtures.Member m = Fixtures.member(100_000);
        UUID id = Fixtures.withdrawal(m).amount(1_000).keepPayoutsPaused().admit();
        assertThatThrownBy(() -> Db.exec("UPDATE withdrawal SET status = 'RETURNED' WHERE id = '" + id + "'"))
                .hasStackTraceContaining("may not move from ACCEPTED to RETURNED");
        Db.exec("UPDATE withdrawal SET status = 'FAILED' WHERE id = '" + id + "'"); // allowed: ACCEPTED > FAILED
        for (String illegal : List.of("ACCEPTED", "PAYING", "PAID", "RETURNED")) {
            assertThatThrownBy(() -> Db.exec("UPDATE withdrawal SET status = '" + illegal + "' WHERE id = '" + id
                    + "'")).hasStackTraceContaining("may not move from FAILED to " + illegal);
        }
        Db.exec("DELETE FROM payout_outbox WHERE withdrawal_id = '" + id + "'");
        Db.exec("UPDATE account SET held_fen = held_fen - 1000 WHERE member_id = " + m.id());
        Db.exec("UPDATE payout_budget_shard SET reserved_fen = reserved_fen - 1000 WHERE (budget_day, shard) = "
                + "(SELECT budget_day, budget_shard FROM withdrawal WHERE id = '" + id + "')");
    }

    /**
     * The PAID step reads the category's rules in the same statement that debits the account: a withdrawal whose
     * category row were gone would be marked PAID with no debit and no ledger entry. No withdrawal loses its
     * category, and a PAID step without its debit rolls back whole.
     */
    @Test
    void aWithdrawalAlwaysNamesACategoryThatExistsAndPaidNeverCommitsWithoutItsDebit() {
        Fixtures.Member m = Fixtures.member(100_000);
        UUID id = Fixtures.withdrawal(m).amount(1_000).keepPayoutsPaused().admit();
        assertThatThrownBy(() -> Db.exec("DELETE FROM withdrawal_category WHERE code = 'PURCHASE'"))
                .hasStackTraceContaining("withdrawal_category_fkey");
        assertThatThrownBy(() -> Db.exec("SELECT hpf_must(FALSE, 'PAID without its debit')"))
                .hasStackTraceContaining("invariant broken: PAID without its debit");
        assertThat(Fixtures.status(id)).isEqualTo("ACCEPTED");
    }

    @Test
    void noWriterNamesAWithdrawalStateAsABareString() throws IOException {
        // ACCEPTED and PAYING belong to withdrawals alone; the other names are shared with other tables (a face
        // verification FAILED, a ledger entry RETURNED, a bank's PAID), which the writers below never mix up.
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.endsWith("WithdrawalStatus.java")) {
                    continue;
                }
                // Examples in the OpenAPI annotations are documentation, not a state anyone writes.
                String text = Files.readString(file).replaceAll("examples = \"[A-Z_]+\"", "")
                        .replaceAll("enumeration = \\{[^}]*}", "");
                for (String state : List.of("'ACCEPTED'", "'PAYING'", "\"ACCEPTED\"", "\"PAYING\"")) {
                    if (text.contains(state)) {
                        found.add(file + " names " + state);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
        for (String writer : List.of("withdrawal/AdmissionRepository.java", "payout/PayoutRepository.java",
                "loan/PrepaymentRepository.java", "ops/ReconciliationRepository.java")) {
            assertThat(read("src/main/java/cn/hpf/mobile/" + writer)).as(writer).contains("WithdrawalStatus.");
        }
    }

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }
}
