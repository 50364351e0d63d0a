package cn.hpf.mobile.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One state machine per direction: the Java enums and transfer_transition in PostgreSQL are the same table, and the
 * trigger refuses any other move whoever writes it.
 */
@QuarkusTest
class TransferStatusTest {

    @Test
    void javaAndPostgresHoldTheSameTransitions() {
        Set<String> inJava = new TreeSet<>();
        for (TransferInStatus from : TransferInStatus.values()) {
            from.next().forEach(to -> inJava.add("IN " + from + ">" + to));
        }
        for (TransferOutStatus from : TransferOutStatus.values()) {
            from.next().forEach(to -> inJava.add("OUT " + from + ">" + to));
        }
        String inPostgres = Db.queryString("SELECT string_agg(direction || ' ' || from_status || '>' || to_status, ',' "
                + "ORDER BY 1) FROM transfer_transition");
        assertThat(new TreeSet<>(Set.of(inPostgres.split(",")))).isEqualTo(inJava);
    }

    @Test
    void aFinalTransferCannotBeMovedByAnyWriter() {
        Fixtures.Member m = Fixtures.member(0);
        UUID id = UUID.randomUUID();
        Db.exec("INSERT INTO transfer_out (id, platform_transfer_id, member_id, destination_centre_code, status, "
                + "amount_fen, reason_code, created_at, updated_at) VALUES ('" + id + "', 'NTP" + id.toString()
                .replace("-", "").substring(0, 12).toUpperCase() + "', " + m.id() + ", '310000', 'REFUSED', 0, "
                + "'ACCOUNT_NOT_ACTIVE', now(), now())");
        assertThatThrownBy(() -> Db.exec("UPDATE transfer_out SET status = 'VOIDED' WHERE id = '" + id + "'"))
                .rootCause().hasMessageContaining("may not move from REFUSED to VOIDED")
                .hasFieldOrPropertyWithValue("SQLState", "HPF02");
    }
}
