/**
 * 月供计算 and 可贷额度, public and cacheable.
 *
 * <p>{@link cn.hpf.mobile.calculator.RepaymentEngine} is the one source of repayment figures (the member's loans
 * use it too). Rates and quota rules are configuration ({@link cn.hpf.mobile.calculator.CalculatorConfig},
 * prefix {@code hpf.calculator}), with Hangzhou's defaults effective 2025-05-08:
 * <ul>
 *   <li>rates: first home 2.1 % (≤ 60 months) / 2.6 %, second home 2.525 % / 3.075 %;</li>
 *   <li>quota = min(repayment capacity, house price × ratio, balance × multiple, absolute cap): capacity is the
 *       largest principal whose equal-instalment payment ≤ 0.5 × the summed monthly deposit base; price ratio
 *       0.8 first home, 0.7 second home (the national 30 % minimum down payment for a second home); balance × 15;
 *       cap 500,000 CNY single / 1,000,000 CNY couple, × 1.2 for a family's first home; every limit is
 *       floored to the fen and reported, and ties bind in that order.</li>
 * </ul>
 * Answers carry {@code Cache-Control: public, max-age=3600} ({@code hpf.calculator.cache-max-age}) and a strong
 * ETag (SHA-256 of the body), and honour If-None-Match with 304.
 */
package cn.hpf.mobile.calculator;
