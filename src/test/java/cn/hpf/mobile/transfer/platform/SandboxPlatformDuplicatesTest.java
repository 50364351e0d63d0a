package cn.hpf.mobile.transfer.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.transfer.platform.TransferPlatform.TransferInSubmission;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With hpf.transfer.sandbox.duplicate-every=1 the courier delivers every notification twice, each signed anew. */
@QuarkusTest
@TestProfile(TransferPlatformProfile.Duplicating.class)
class SandboxPlatformDuplicatesTest {

    @Inject
    TransferPlatform platform;

    @Inject
    RecordingTransferCallbacks callbacks;

    @Test
    void everyNotificationArrivesTwiceWithANewNonce() {
        // The demo's Shanghai account of 李娜.
        String id = platform.submitTransferIn(new TransferInSubmission(UUID.randomUUID(), "310000", "SH0012345678",
                "330109199502284321", "李娜", "330109", "330100000002")).await().atMost(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.appliedTypes(id).size() >= 4);
        assertThat(callbacks.appliedTypes(id)).containsExactly("TRANSFER_IN_CONFIRMED", "TRANSFER_IN_CONFIRMED",
                "TRANSFER_IN_SETTLED", "TRANSFER_IN_SETTLED");
        assertThat(callbacks.applied(id)).allSatisfy(c -> assertThat(c.amountFen()).isEqualTo(5_230_000L));
        // Four deliveries passed the replay check: four nonces.
        assertThat(Db.queryLong("SELECT count(*) FROM transfer_callback_nonce")).isGreaterThanOrEqualTo(4);
    }
}
