package cn.hpf.mobile.calculator;

/** How a loan is repaid. */
public enum RepaymentMethod {
    /** 等额本息: the same payment every month (the last one absorbs the rounding). */
    EQUAL_INSTALMENT,
    /** 等额本金: the same principal every month, plus the interest on what is left. */
    EQUAL_PRINCIPAL
}
