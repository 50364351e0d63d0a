package cn.hpf.mobile.calculator;

import cn.hpf.mobile.calculator.LoanQuotaResult.Limit;
import cn.hpf.mobile.calculator.LoanQuotaResult.LimitType;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/** 可贷额度: the smallest of repayment capacity, house price × ratio, balance × multiple and the absolute cap. */
@ApplicationScoped
public class LoanQuotaCalculator {

    private final CalculatorConfig.Quota rules;
    private final LoanRates rates;

    public LoanQuotaCalculator(CalculatorConfig config, LoanRates rates) {
        this.rules = config.quota();
        this.rates = rates;
    }

    /** Base and balance are summed over the applicants by the caller. */
    public LoanQuotaResult quota(long depositBaseFen, long balanceFen, long housePriceFen, int termMonths,
                                 boolean firstHome, boolean couple) {
        BigDecimal rate = rates.rateFor(firstHome, termMonths);
        long maxPayment = floor(BigDecimal.valueOf(depositBaseFen).multiply(rules.repaymentCapacityRatio()));
        BigDecimal priceRatio = firstHome ? rules.firstHomePriceRatio() : rules.secondHomePriceRatio();
        BigDecimal capFactor = firstHome ? BigDecimal.ONE.add(rules.firstHomeCapBonus()) : BigDecimal.ONE;
        List<Limit> limits = List.of(
                new Limit(LimitType.REPAYMENT_CAPACITY, capacity(maxPayment, rate, termMonths),
                        "equal-instalment payment ≤ " + rules.repaymentCapacityRatio().toPlainString()
                                + " × monthly deposit base (" + maxPayment + " fen)"),
                new Limit(LimitType.HOUSE_PRICE, floor(BigDecimal.valueOf(housePriceFen).multiply(priceRatio)),
                        "house price × " + priceRatio.toPlainString()),
                new Limit(LimitType.BALANCE_MULTIPLE,
                        floor(BigDecimal.valueOf(balanceFen).multiply(rules.balanceMultiple())),
                        "HPF balance × " + rules.balanceMultiple().toPlainString()),
                new Limit(LimitType.ABSOLUTE_CAP,
                        floor(BigDecimal.valueOf(couple ? rules.coupleCapFen() : rules.singleCapFen()).multiply(capFactor)),
                        (couple ? "couple" : "single") + " cap" + (firstHome ? " × " + capFactor.toPlainString()
                                + " for a family's first home" : "")));
        Limit binding = limits.get(0);
        for (Limit l : limits) {
            if (l.limitFen() < binding.limitFen()) {
                binding = l;
            }
        }
        long quota = binding.limitFen();
        long payment = quota > 0
                ? RepaymentEngine.plan(quota, rate, termMonths, RepaymentMethod.EQUAL_INSTALMENT).firstPaymentFen() : 0;
        return new LoanQuotaResult(quota, binding.type(), rate, termMonths, payment, limits);
    }

    /** The largest principal whose equal-instalment payment stays within {@code maxPaymentFen}. */
    static long capacity(long maxPaymentFen, BigDecimal annualRate, int termMonths) {
        if (maxPaymentFen <= 0) {
            return 0;
        }
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal i = annualRate.divide(BigDecimal.valueOf(12), mc);
        BigDecimal growth = BigDecimal.ONE.add(i).pow(termMonths, mc);
        // HALF_UP(annuity) ≤ max ⇔ annuity < max + ½: invert the closed form there, then step by the fen over the
        // last rounding edge (one or two steps).
        long p = BigDecimal.valueOf(maxPaymentFen).add(new BigDecimal("0.5")).multiply(growth.subtract(BigDecimal.ONE), mc)
                .divide(i.multiply(growth, mc), mc).setScale(0, RoundingMode.FLOOR).longValueExact();
        while (p > 0 && RepaymentEngine.annuityFen(p, annualRate, termMonths) > maxPaymentFen) {
            p--;
        }
        while (RepaymentEngine.annuityFen(p + 1, annualRate, termMonths) <= maxPaymentFen) {
            p++;
        }
        return p;
    }

    private static long floor(BigDecimal fen) {
        return fen.setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
