package cn.hpf.mobile.payout;

/** What a bank call told us. Only {@link Paid} and {@link Rejected} are definitive. */
public sealed interface BankResult {

    record Paid(String bankReference) implements BankResult {
    }

    /** A definitive refusal (closed card, name mismatch, ...): nothing was paid and nothing will be. */
    record Rejected(String code, String reason) implements BankResult {
    }

    /** Timeout, error or still processing: the outcome is unknown and must be asked about later. */
    record Pending(String reason) implements BankResult {
    }

    /** The bank never received an order with this id, so sending it (with the same key) cannot pay twice. */
    record NotFound() implements BankResult {
    }
}
