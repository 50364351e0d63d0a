package cn.hpf.mobile.payout;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The bank that moves the money. The withdrawal id is the bank's idempotency key: a second {@link #pay} with the
 * same id never pays twice and answers with the first outcome. An unknown outcome is resolved with
 * {@link #query}, never by paying again blindly.
 */
public interface BankGateway {

    /** Sends the payout order; the answer may be {@link BankResult.Pending} when the bank confirms later. */
    Uni<BankResult> pay(PayoutOrder order);

    /** What the bank knows about this withdrawal id; {@link BankResult.NotFound} when it never received it. */
    Uni<BankResult> query(UUID withdrawalId);

    /**
     * The bank's statement of one Asia/Shanghai day (what it settled that day). Fails with
     * {@code BANK_STATEMENT_NOT_AVAILABLE} while the bank has not delivered it, {@code BANK_STATEMENT_MALFORMED}
     * when the file breaks its format, {@code BANK_STATEMENT_UNAVAILABLE} when statements cannot be read at all.
     */
    Uni<BankStatement> dailyStatement(LocalDate date);
}
