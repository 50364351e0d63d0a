package cn.hpf.mobile.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Parses query parameters by hand: JAX-RS turns a query parameter it cannot convert into a 404, and a member
 * who typed a bad date deserves a 400 that names the field.
 */
public final class Params {

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

    public static LocalDate date(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, field + " must be a date like 2026-01-31.");
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
