package cn.hpf.mobile.outlet;

/** LOAN: an entrusted loan bank (委贷银行); MONTHLY_TRANSFER: signs the monthly transfer to the loan (按月转账). */
public enum BankRole { LOAN, MONTHLY_TRANSFER }
