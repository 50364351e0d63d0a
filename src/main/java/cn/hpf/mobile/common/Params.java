package cn.hpf.mobile.common;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Parses query parameters by hand: JAX-RS turns a query parameter it cannot convert into a 404, and a member
 * who typed a bad date deserves a 400 that names the field.
 */
public final class Params {

    private static final int MIN_YEAR = 1900;
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private Params() {
    }

    public static int intInRange(String raw, String field, int min, int max, int dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw ApiException.invalidField(field, field + " must be between " + min + " and " + max + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, field + " must be an integer between " + min + " and " + max + ".");
        }
    }

    public static long longInRange(String raw, String field, long min, long max) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(field, field + " is required.");
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < min || v > max) {
                throw ApiException.invalidField(field, field + " must be between " + min + " and " + max + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, field + " must be an integer between " + min + " and " + max + ".");
        }
    }

    /**
     * A calendar day written yyyy-MM-dd with a four-digit year from 1900 on. ISO also allows signed years of up to
     * nine digits (+999999999-12-31), which no ledger holds and whose next day does not exist: refused here, so that
     * arithmetic on a date parameter can never fail.
     */
    public static LocalDate date(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        String message = field + " must be a date like 2026-01-31 (years " + MIN_YEAR + "–9999).";
        if (!DAY.matcher(text).matches()) {
            throw ApiException.invalidField(field, message);
        }
        try {
            LocalDate day = LocalDate.parse(text);
            if (day.getYear() < MIN_YEAR) {
                throw ApiException.invalidField(field, message);
            }
            return day;
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, message);
        }
    }

    /** {@link #date}, and 400 INVALID_PARAMETER on {@code field} when it is absent. */
    public static LocalDate requiredDate(String raw, String field) {
        LocalDate day = date(raw, field);
        if (day == null) {
            throw ApiException.invalidField(field, field + " is required, like 2026-12-02.");
        }
        return day;
    }

    /** A month written yyyy-MM with a four-digit year from 1900 on; null when absent. */
    public static YearMonth month(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        String message = field + " must be a month like 2026-11 (years " + MIN_YEAR + "–9999).";
        if (!MONTH.matcher(text).matches()) {
            throw ApiException.invalidField(field, message);
        }
        try {
            YearMonth month = YearMonth.parse(text);
            if (month.getYear() < MIN_YEAR) {
                throw ApiException.invalidField(field, message);
            }
            return month;
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, message);
        }
    }

    public static <E extends Enum<E>> E enumValue(String raw, String field, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}
