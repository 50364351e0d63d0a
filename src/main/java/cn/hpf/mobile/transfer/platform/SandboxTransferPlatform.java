package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.transfer.platform.PlatformCallback.Type;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.AnswerChange;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.Notification;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.OriginAccount;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.OriginAnswer;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.Transfer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox transfer platform, with the other centres behind it: it takes our transfer-ins and answers them as
 * the origin centre would, starts transfer-outs on demand (as another centre would), and reports everything
 * through signed notifications that its courier delivers later, repeats and sometimes duplicates, as the real
 * platform does. Its state lives in PostgreSQL because several replicas serve the sandbox. Selected only when
 * hpf.sandbox.enabled=true.
 */
@ApplicationScoped
@Typed(SandboxTransferPlatform.class)
public class SandboxTransferPlatform implements TransferPlatform {

    public static final String PLAN_CONFIRM = "CONFIRM";
    public static final String PLAN_CANCEL = "CANCEL";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final SandboxTransferPlatformRepository repository;
    private final SandboxPlatformConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public SandboxTransferPlatform(SandboxTransferPlatformRepository repository, SandboxPlatformConfig config,
                                   ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<String> submitTransferIn(TransferInSubmission submission) {
        String transferId = newTransferId();
        return repository.submitIn(transferId, submission, account -> originAnswer(transferId, submission, account));
    }

    /** What the origin centre says, checked in the order a centre would: the account, the person, the state. */
    private OriginAnswer originAnswer(String transferId, TransferInSubmission s, Optional<OriginAccount> found) {
        String rejection = null;
        String reason = null;
        if (found.isEmpty()) {
            rejection = "ORIGIN_ACCOUNT_NOT_FOUND";
            reason = "转出地中心没有此账号。The origin centre has no account with this number.";
        } else if (!found.get().idNumber().equalsIgnoreCase(Objects.requireNonNullElse(s.idNumber(), ""))) {
            rejection = "IDENTITY_MISMATCH";
            reason = "证件号码与转出地账户不符。The ID number does not match the account at the origin centre.";
        } else if (found.get().frozen()) {
            rejection = "ORIGIN_ACCOUNT_FROZEN";
            reason = "转出地账户已冻结。The account at the origin centre is frozen.";
        } else if (found.get().balanceFen() <= 0) {
            rejection = "NOTHING_TO_TRANSFER";
            reason = "转出地账户余额为零。The account at the origin centre has no balance to transfer.";
        }
        long latency = config.latency().toMillis();
        String requestId = s.requestId().toString();
        if (rejection != null) {
            return new OriginAnswer(null, rejection, reason, List.of(notification(latency,
                    callback(Type.TRANSFER_IN_REJECTED, transferId, requestId, null, rejection, reason, latency))));
        }
        long amount = found.get().balanceFen();
        return new OriginAnswer(amount, null, null, List.of(
                notification(latency, callback(Type.TRANSFER_IN_CONFIRMED, transferId, requestId, amount, null, null,
                        latency)),
                notification(2 * latency, callback(Type.TRANSFER_IN_SETTLED, transferId, requestId, amount, null,
                        null, 2 * latency))));
    }

    @Override
    public Uni<Void> answerTransferOut(String platformTransferId, TransferOutAnswer answer) {
        if (answer.agreed() ? answer.amountFen() <= 0
                : answer.reasonCode() == null || answer.reasonCode().isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("PLATFORM_ANSWER_INVALID", answer.agreed()
                    ? "An agreed transfer-out holds a positive amount." : "A refusal needs a reasonCode.", null));
        }
        return repository.answerOut(platformTransferId, found -> {
            Transfer t = found.filter(x -> "OUT".equals(x.direction())).orElseThrow(() -> notFound(platformTransferId));
            if (t.ourAnswer() != null) {
                if (sameAnswer(t, answer)) {
                    return null;
                }
                throw ApiException.conflict("TRANSFER_ALREADY_ANSWERED", "Transfer " + platformTransferId
                        + " was already answered " + t.ourAnswer() + "; a different answer is refused.");
            }
            if (!answer.agreed()) {
                return new AnswerChange("REJECTED", "REFUSED", null, answer.reasonCode(), answer.reason(), null);
            }
            long latency = config.latency().toMillis();
            PlatformCallback outcome = PLAN_CANCEL.equals(t.plannedOutcome())
                    ? new PlatformCallback(Type.TRANSFER_OUT_CANCELLED.name(), t.transferId(), null, null,
                    "MEMBER_CANCELLED", "成员在转入地撤回了申请。The member withdrew the request at the destination centre.",
                    null, null, null, null, at(latency))
                    : new PlatformCallback(Type.TRANSFER_OUT_CONFIRMED.name(), t.transferId(), null, null, null, null,
                    null, null, null, null, at(latency));
            return new AnswerChange("AGREED", "AGREED", answer.amountFen(), null, null,
                    notification(latency, outcome));
        });
    }

    private static boolean sameAnswer(Transfer t, TransferOutAnswer answer) {
        return answer.agreed() ? "AGREED".equals(t.ourAnswer()) && Objects.equals(t.ourAmountFen(), answer.amountFen())
                : "REFUSED".equals(t.ourAnswer()) && answer.reasonCode().equals(t.ourReasonCode());
    }

    /**
     * Another centre asks, through the platform, for one of our members' balance; the destination will report
     * {@code plannedOutcome} once we agree. Answers the platform's transfer id.
     */
    public Uni<String> startTransferOut(String accountNo, String idNumber, String destinationCentreCode,
                                        String destinationAccountNo, String plannedOutcome, Operator by) {
        String transferId = newTransferId();
        long latency = config.latency().toMillis();
        PlatformCallback requested = new PlatformCallback(Type.TRANSFER_OUT_REQUESTED.name(), transferId, null, null,
                null, null, idNumber, accountNo, destinationCentreCode, destinationAccountNo, at(latency));
        return repository.createOut(transferId, accountNo, idNumber, destinationCentreCode, destinationAccountNo,
                        plannedOutcome, notification(latency, requested), by)
                .replaceWith(transferId);
    }

    /** Registers (or replaces) an account at another centre; 404 for an unknown centre or our own. */
    public Uni<OriginAccount> registerOriginAccount(OriginAccount account, Operator by) {
        return repository.upsertAccount(account, by).map(saved -> saved.orElseThrow(() -> ApiException.notFound(
                "TRANSFER_CENTRE_NOT_FOUND", "No other centre on the platform has code " + account.centreCode()
                        + ".")));
    }

    public Uni<Transfer> find(String transferId) {
        return repository.find(transferId).map(t -> t.orElseThrow(() -> notFound(transferId)));
    }

    public Uni<List<SandboxTransferPlatformRepository.Delivery>> deliveries(String transferId) {
        return repository.deliveries(transferId);
    }

    static ApiException notFound(String transferId) {
        return ApiException.notFound("PLATFORM_TRANSFER_NOT_FOUND", "The platform has no transfer " + transferId
                + ".");
    }

    private PlatformCallback callback(Type type, String transferId, String requestId, Long amountFen,
                                      String reasonCode, String reason, long inMillis) {
        return new PlatformCallback(type.name(), transferId, requestId, amountFen, reasonCode, reason, null, null,
                null, null, at(inMillis));
    }

    private Instant at(long inMillis) {
        return clock.instant().plusMillis(inMillis);
    }

    private Notification notification(long delayMillis, PlatformCallback callback) {
        try {
            return new Notification(callback.type(), json.writeValueAsString(callback), delayMillis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like the platform's own: NTP, the day, then random hex. */
    private String newTransferId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "NTP" + LocalDate.now(clock.withZone(Zones.SHANGHAI)).format(DAY)
                + HexFormat.of().withUpperCase().formatHex(b);
    }
}
