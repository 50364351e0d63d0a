package cn.hpf.mobile.transfer;

import cn.hpf.mobile.transfer.platform.TransferPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform that only records what this centre sends it, for the tests that play the platform's notifications
 * themselves ({@link TransferTestProfile} enables it); it can be told to be unreachable.
 */
@Alternative
@ApplicationScoped
public class RecordingTransferPlatform implements TransferPlatform {

    // Read through methods only: a test holds a client proxy, whose own fields are not the bean's.
    private final Map<UUID, TransferInSubmission> submitted = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, TransferOutAnswer>> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger unreachableFor = new AtomicInteger();

    TransferInSubmission submitted(UUID requestId) {
        return submitted.get(requestId);
    }

    /** The next {@code calls} calls fail as if the platform could not be reached. */
    void unreachableFor(int calls) {
        unreachableFor.set(calls);
    }

    int unreachableCallsLeft() {
        return unreachableFor.get();
    }

    /** The platform id it hands out for a request: derived, so a repeat gets the same. */
    static String platformId(UUID requestId) {
        return "NTP-" + requestId.toString().substring(0, 18);
    }

    @Override
    public Uni<String> submitTransferIn(TransferInSubmission submission) {
        if (unreachableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("platform unreachable (test)"));
        }
        submitted.put(submission.requestId(), submission);
        return Uni.createFrom().item(platformId(submission.requestId()));
    }

    @Override
    public Uni<Void> answerTransferOut(String platformTransferId, TransferOutAnswer answer) {
        if (unreachableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("platform unreachable (test)"));
        }
        answers.add(Map.entry(platformTransferId, answer));
        return Uni.createFrom().voidItem();
    }

    List<TransferOutAnswer> answersTo(String platformTransferId) {
        return answers.stream().filter(e -> e.getKey().equals(platformTransferId)).map(Map.Entry::getValue).toList();
    }
}
