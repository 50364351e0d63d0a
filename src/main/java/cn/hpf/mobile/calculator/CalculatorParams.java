package cn.hpf.mobile.calculator;

import cn.hpf.mobile.common.ApiException;
import java.math.BigDecimal;

/** Query parameters {@link cn.hpf.mobile.common.Params} does not cover: a bounded rate and a boolean. */
final class CalculatorParams {

    static final BigDecimal MAX_RATE = new BigDecimal("0.20");
    /** A loan row stores rates as NUMERIC(7, 6). */
    static final int MAX_RATE_SCALE = 6;

    private CalculatorParams() {
    }

    static BigDecimal annualRate(String raw, String field) {
        String message = field + " must be a fraction with at most " + MAX_RATE_SCALE
                + " decimals, greater than 0 and at most 0.20 (0.026 = 2.6 %).";
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(field, field + " is required; " + message);
        }
        BigDecimal rate;
        try {
            rate = new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, message);
        }
        if (rate.signum() <= 0 || rate.compareTo(MAX_RATE) > 0 || rate.stripTrailingZeros().scale() > MAX_RATE_SCALE) {
            throw ApiException.invalidField(field, message);
        }
        return rate;
    }

    static boolean bool(String raw, String field, boolean dflt) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        return switch (raw.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField(field, field + " must be true or false.");
        };
    }
}
