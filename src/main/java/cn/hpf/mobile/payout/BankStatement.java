package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The bank's statement of one day: every payout order it settled that day, paid or refused. Its file is plain
 * UTF-8 CSV, one record a line:
 * <pre>
 * withdrawalId,amountFen,status,bankRef,settledAt
 * 0f8fad5b-d9cb-469f-a165-70867728950e,12345,PAID,SBX3f…,2026-12-02T03:04:05.678Z
 * …
 * TRAILER,&lt;lines&gt;,&lt;totalFen&gt;
 * </pre>
 * status is PAID or REJECTED; totalFen is the sum of every line's amount. A file that breaks any rule (header,
 * field count, a value, a repeated withdrawal id, the trailer's count or total, anything after it) is refused
 * whole: a statement is either read completely or not at all.
 */
public record BankStatement(LocalDate date, List<Line> lines, long totalFen) {

    public static final String HEADER = "withdrawalId,amountFen,status,bankRef,settledAt";
    public static final String TRAILER = "TRAILER";
    public static final Set<String> STATUSES = Set.of("PAID", "REJECTED");

    public record Line(UUID withdrawalId, long amountFen, String status, String bankRef, Instant settledAt) {
    }

    /** The file's text. */
    public String format() {
        StringBuilder out = new StringBuilder(64 + lines.size() * 100).append(HEADER).append('\n');
        for (Line l : lines) {
            out.append(l.withdrawalId()).append(',').append(l.amountFen()).append(',').append(l.status()).append(',')
                    .append(l.bankRef()).append(',').append(l.settledAt()).append('\n');
        }
        return out.append(TRAILER).append(',').append(lines.size()).append(',').append(totalFen).append('\n')
                .toString();
    }

    public static BankStatement of(LocalDate date, List<Line> lines) {
        long total = 0;
        for (Line l : lines) {
            total = Math.addExact(total, l.amountFen());
        }
        return new BankStatement(date, List.copyOf(lines), total);
    }

    /** Reads a statement file's lines, or fails with 502 BANK_STATEMENT_MALFORMED saying which line and why. */
    public static BankStatement parse(LocalDate date, List<String> fileLines) {
        int n = fileLines.size();
        while (n > 0 && fileLines.get(n - 1).isBlank()) {
            n--; // a final newline, or a few
        }
        if (n == 0 || !HEADER.equals(strip(fileLines.get(0)))) {
            throw malformed(date, 1, "the first line must be the header " + HEADER);
        }
        List<Line> lines = new ArrayList<>(Math.max(0, n - 2));
        Set<UUID> seen = new HashSet<>();
        long total = 0;
        for (int i = 1; i < n; i++) {
            String text = strip(fileLines.get(i));
            String[] f = text.split(",", -1);
            if (TRAILER.equals(f[0])) {
                if (i != n - 1) {
                    throw malformed(date, i + 1, "the trailer must be the last line");
                }
                if (f.length != 3) {
                    throw malformed(date, i + 1, "the trailer is TRAILER,<lines>,<totalFen>");
                }
                long count = number(date, i + 1, f[1], "the trailer's line count");
                long trailerTotal = number(date, i + 1, f[2], "the trailer's total");
                if (count != lines.size()) {
                    throw malformed(date, i + 1, "the trailer counts " + count + " lines, the file has "
                            + lines.size());
                }
                if (trailerTotal != total) {
                    throw malformed(date, i + 1, "the trailer's total is " + trailerTotal + " fen, the lines add up to "
                            + total);
                }
                return new BankStatement(date, lines, total);
            }
            if (f.length != 5) {
                throw malformed(date, i + 1, "a line has 5 fields (" + HEADER + "), this one " + f.length);
            }
            UUID id;
            try {
                id = UUID.fromString(f[0]);
            } catch (IllegalArgumentException e) {
                throw malformed(date, i + 1, "withdrawalId is not a UUID");
            }
            if (!seen.add(id)) {
                throw malformed(date, i + 1, "withdrawal " + id + " is listed twice");
            }
            long amount = number(date, i + 1, f[1], "amountFen");
            if (amount <= 0) {
                throw malformed(date, i + 1, "amountFen must be positive");
            }
            if (!STATUSES.contains(f[2])) {
                throw malformed(date, i + 1, "status must be PAID or REJECTED");
            }
            if (f[3].isBlank()) {
                throw malformed(date, i + 1, "bankRef is empty");
            }
            Instant settledAt;
            try {
                settledAt = Instant.parse(f[4]);
            } catch (DateTimeParseException e) {
                throw malformed(date, i + 1, "settledAt is not an ISO-8601 instant");
            }
            try {
                total = Math.addExact(total, amount);
            } catch (ArithmeticException e) {
                throw malformed(date, i + 1, "the amounts overflow");
            }
            lines.add(new Line(id, amount, f[2], f[3], settledAt));
        }
        throw malformed(date, n, "the trailer line TRAILER,<lines>,<totalFen> is missing");
    }

    private static long number(LocalDate date, int line, String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw malformed(date, line, what + " is not a whole number");
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static RuntimeException malformed(LocalDate date, int line, String why) {
        return Refusal.BANK_STATEMENT_MALFORMED.error("The bank's statement of " + date + " is malformed at line "
                + line + ": " + why + ". Nothing was reconciled.");
    }
}
