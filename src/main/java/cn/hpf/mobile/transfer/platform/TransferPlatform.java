package cn.hpf.mobile.transfer.platform;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * The national transfer platform (全国住房公积金异地转移接续平台), as this centre calls it. Its answers come back
 * later as signed callbacks ({@link PlatformCallback}); both calls are idempotent on the platform's side, so a
 * retry after a lost answer is always safe.
 */
public interface TransferPlatform {

    /**
     * Hands a member's transfer-in request to the platform, which asks the origin centre. Idempotent on
     * {@code requestId}: the same request always answers the same platform transfer id.
     */
    Uni<String> submitTransferIn(TransferInSubmission submission);

    /**
     * Our answer to a transfer-out the platform asked for: the amount held, or a refusal with its reason.
     * Idempotent on the transfer id.
     */
    Uni<Void> answerTransferOut(String platformTransferId, TransferOutAnswer answer);

    /** What the origin centre needs to find the member's account there. */
    record TransferInSubmission(UUID requestId, String originCentreCode, String originAccountNo, String idNumber,
                                String name, String destinationCentreCode, String destinationAccountNo) {
    }

    /** {@code agreed}: the whole balance, {@code amountFen}, is held for the transfer; else refused with a reason. */
    record TransferOutAnswer(boolean agreed, long amountFen, String reasonCode, String reason) {

        public static TransferOutAnswer agreed(long amountFen) {
            return new TransferOutAnswer(true, amountFen, null, null);
        }

        public static TransferOutAnswer refused(String reasonCode, String reason) {
            return new TransferOutAnswer(false, 0, reasonCode, reason);
        }
    }
}
