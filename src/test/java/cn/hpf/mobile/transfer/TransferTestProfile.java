package cn.hpf.mobile.transfer;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The platform is played by the test: its notifications are sent by hand, what we send it is recorded. */
public class TransferTestProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingTransferPlatform.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // The retry job runs when a test calls it, not on its own; a transfer is stuck after seconds, not days.
        return Map.of("hpf.transfer.retry-every", "off", "hpf.reconciliation.transfer-stuck-after", "PT2S");
    }
}
