package cn.hpf.mobile.calculator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Loan rates and quota rules are data: the defaults below are Hangzhou's as of 2025-05-08 and any of them can be
 * changed by configuration (application.properties or HPF_CALCULATOR_... environment variables) without a release.
 */
@ConfigMapping(prefix = "hpf.calculator")
public interface CalculatorConfig {

    /** How long clients and CDNs may reuse a calculator answer (rates change at most a few times a year). */
    @WithDefault("PT1H")
    Duration cacheMaxAge();

    Rates rates();

    Quota quota();

    interface Rates {

        @WithDefault("2025-05-08")
        LocalDate effectiveDate();

        /** Terms up to this many months use the short-term rate (五年以下含五年). */
        @WithDefault("60")
        int shortTermMaxMonths();

        @WithDefault("0.021")
        BigDecimal firstHomeShortTerm();

        @WithDefault("0.026")
        BigDecimal firstHomeLongTerm();

        @WithDefault("0.02525")
        BigDecimal secondHomeShortTerm();

        @WithDefault("0.03075")
        BigDecimal secondHomeLongTerm();
    }

    interface Quota {

        /** The monthly payment may take at most this share of the applicants' monthly deposit base. */
        @WithDefault("0.5")
        BigDecimal repaymentCapacityRatio();

        /** Loan-to-price for a first home (minimum down payment 20 %). */
        @WithDefault("0.8")
        BigDecimal firstHomePriceRatio();

        /** Loan-to-price for a second home: the national minimum down payment for a second home is 30 %. */
        @WithDefault("0.7")
        BigDecimal secondHomePriceRatio();

        /** At most this multiple of the applicants' HPF balance (Hangzhou uses 15×). */
        @WithDefault("15")
        BigDecimal balanceMultiple();

        @WithDefault("50000000")
        long singleCapFen();

        @WithDefault("100000000")
        long coupleCapFen();

        /** A family buying its first home may borrow this much more than the cap (+20 %). */
        @WithDefault("0.2")
        BigDecimal firstHomeCapBonus();
    }
}
