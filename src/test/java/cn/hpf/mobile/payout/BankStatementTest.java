package cn.hpf.mobile.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.common.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The statement file's format: what is written reads back the same, and any broken rule refuses the whole file. */
class BankStatementTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);
    private static final UUID A = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID B = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private static BankStatement sample() {
        return BankStatement.of(DAY, List.of(
                new BankStatement.Line(A, 12_345, "PAID", "SBX01", Instant.parse("2026-12-02T01:02:03.456Z")),
                new BankStatement.Line(B, 500, "REJECTED", "SBX02", Instant.parse("2026-12-02T02:00:00Z"))));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        BankStatement s = sample();
        String text = s.format();
        assertThat(text).startsWith(BankStatement.HEADER + "\n").endsWith("TRAILER,2,12845\n");
        assertThat(BankStatement.parse(DAY, lines(text))).isEqualTo(s);
        assertThat(BankStatement.parse(DAY, lines(text.replace("\n", "\r\n")))).isEqualTo(s);
        BankStatement empty = BankStatement.of(DAY, List.of());
        assertThat(empty.format()).isEqualTo(BankStatement.HEADER + "\nTRAILER,0,0\n");
        assertThat(BankStatement.parse(DAY, lines(empty.format()))).isEqualTo(empty);
    }

    @Test
    void anyBrokenRuleRefusesTheWholeFileNamingTheLine() {
        String good = sample().format();
        String lineA = good.lines().toList().get(1);
        malformed("", 1, "header");
        malformed(good.replace(BankStatement.HEADER, "id,amount,status,ref,at"), 1, "header");
        malformed(good.replace("TRAILER,2,12845\n", ""), 3, "trailer line");
        malformed(good.replace("TRAILER,2,12845", "TRAILER,3,12845"), 4, "counts 3 lines");
        malformed(good.replace("TRAILER,2,12845", "TRAILER,2,12846"), 4, "total is 12846");
        malformed(good.replace("TRAILER,2,12845", "TRAILER,2"), 4, "TRAILER,<lines>,<totalFen>");
        malformed(good + "extra\n", 4, "last line");
        malformed(good.replace("12345,PAID", "12x45,PAID"), 2, "amountFen is not a whole number");
        malformed(good.replace("12345,PAID", "0,PAID"), 2, "positive");
        malformed(good.replace("12345,PAID", "12345,SETTLED"), 2, "PAID or REJECTED");
        malformed(good.replace(A.toString(), "not-a-uuid"), 2, "not a UUID");
        malformed(good.replace(",SBX01,", ",,"), 2, "bankRef");
        malformed(good.replace("2026-12-02T01:02:03.456Z", "yesterday"), 2, "ISO-8601");
        malformed(good.replace(lineA, lineA + ",more"), 2, "5 fields");
        malformed(good.replace(B.toString(), A.toString()), 3, "listed twice");
    }

    private static void malformed(String text, int line, String why) {
        assertThatThrownBy(() -> BankStatement.parse(DAY, lines(text)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo("BANK_STATEMENT_MALFORMED");
                    assertThat(e.getMessage()).contains("line " + line + ":").contains(why);
                });
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }
}
