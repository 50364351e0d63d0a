package cn.hpf.mobile.certificate;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Params;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/** The months a certificate states, both ends included, resolved from a request against the current month. */
public record CertificatePeriod(YearMonth from, YearMonth to) {

    static final int DEFAULT_MONTHS = 12;
    static final int MAX_MONTHS = 36;

    /** Validates the request: 400 naming the field when the type or a month is wrong or the range is not one. */
    static CertificatePeriod of(CertificateRequest req, YearMonth current) {
        if (req == null || req.type() == null) {
            throw ApiException.invalidField("type", "type is required: DEPOSIT.");
        }
        if (!DepositCertificate.DEPOSIT.equals(req.type())) {
            throw ApiException.invalidField("type", "type must be DEPOSIT.");
        }
        YearMonth to = req.to() == null ? current.minusMonths(1) : month(req.to(), "to");
        if (to.isAfter(current)) {
            throw ApiException.invalidField("to", "to may be at most the current month, " + current + ".");
        }
        YearMonth from = req.from() == null ? to.minusMonths(DEFAULT_MONTHS - 1) : month(req.from(), "from");
        if (from.isAfter(to)) {
            throw ApiException.invalidField("from", "from (" + from + ") must not be after to (" + to + ").");
        }
        if (ChronoUnit.MONTHS.between(from, to) + 1 > MAX_MONTHS) {
            throw ApiException.invalidField("from", "A certificate states at most " + MAX_MONTHS + " months; "
                    + from + " to " + to + " is longer.");
        }
        return new CertificatePeriod(from, to);
    }

    /** A month given in the request: present, so blank is a bad month (Params reads blank as absent). */
    private static YearMonth month(String raw, String field) {
        YearMonth month = Params.month(raw, field);
        if (month == null) {
            throw ApiException.invalidField(field, field + " must be a month, YYYY-MM.");
        }
        return month;
    }

    LocalDate firstDay() {
        return from.atDay(1);
    }

    LocalDate lastDay() {
        return to.atEndOfMonth();
    }
}
