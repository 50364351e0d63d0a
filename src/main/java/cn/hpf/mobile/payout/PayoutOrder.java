package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.PersonalData;
import java.util.UUID;

/** One payout instruction. {@code withdrawalId} doubles as the bank's idempotency key. */
public record PayoutOrder(UUID withdrawalId, long memberId, String category, long amountFen, Payee payee) {

    /**
     * Where the money goes: the member's own card ({@code CARD}), or for LOAN_REPAYMENT the lending bank's loan
     * account ({@code LOAN_ACCOUNT}).
     */
    public record Payee(String kind, String bank, String account, String holder) {

        /** As the bank's records and statements show it: the account number masked. */
        public String describe() {
            return kind + " " + bank + " " + PersonalData.cardNumber(account) + " " + holder;
        }
    }
}
