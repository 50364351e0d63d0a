package cn.hpf.mobile.transfer.platform;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** The sandbox platform in front of {@link RecordingTransferCallbacks} instead of the money side. */
public class TransferPlatformProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingTransferCallbacks.class);
    }

    /** As above, and every delivery made twice, as a real platform may. */
    public static class Duplicating extends TransferPlatformProfile {

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("hpf.transfer.sandbox.duplicate-every", "1");
        }
    }
}
