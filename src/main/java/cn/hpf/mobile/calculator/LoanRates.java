package cn.hpf.mobile.calculator;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;

/** The HPF loan rate for a home type and term, from {@link CalculatorConfig.Rates}. */
@ApplicationScoped
public class LoanRates {

    private final CalculatorConfig.Rates rates;

    public LoanRates(CalculatorConfig config) {
        this.rates = config.rates();
    }

    public BigDecimal rateFor(boolean firstHome, int termMonths) {
        boolean shortTerm = termMonths <= rates.shortTermMaxMonths();
        if (firstHome) {
            return shortTerm ? rates.firstHomeShortTerm() : rates.firstHomeLongTerm();
        }
        return shortTerm ? rates.secondHomeShortTerm() : rates.secondHomeLongTerm();
    }

    public RatesResult table() {
        int cut = rates.shortTermMaxMonths();
        return new RatesResult(rates.effectiveDate(), List.of(
                new RatesResult.Rate(HomeType.FIRST_HOME, 1, cut, rates.firstHomeShortTerm()),
                new RatesResult.Rate(HomeType.FIRST_HOME, cut + 1, 360, rates.firstHomeLongTerm()),
                new RatesResult.Rate(HomeType.SECOND_HOME, 1, cut, rates.secondHomeShortTerm()),
                new RatesResult.Rate(HomeType.SECOND_HOME, cut + 1, 360, rates.secondHomeLongTerm())));
    }

    public enum HomeType { FIRST_HOME, SECOND_HOME }
}
