package cn.hpf.mobile.datasharing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataSharingAdaptersTest {

    record Endpoints(Optional<String> housingRegistryUrl, Optional<String> civilAffairsUrl,
                     Optional<String> depositNetworkUrl) implements DataSharingConfig {
    }

    @Test
    void outsideTheSandboxEveryPlatformNeedsAnEndpoint() {
        var none = new Endpoints(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(DataSharingAdapters.missingEndpoints(false, none), contains(
                "hpf.datasharing.housing-registry-url", "hpf.datasharing.civil-affairs-url",
                "hpf.datasharing.deposit-network-url"));
        var some = new Endpoints(Optional.of("https://registry"), Optional.empty(), Optional.of("https://network"));
        assertThat(DataSharingAdapters.missingEndpoints(false, some), contains("hpf.datasharing.civil-affairs-url"));
    }

    @Test
    void theSandboxNeedsNone() {
        var none = new Endpoints(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(DataSharingAdapters.missingEndpoints(true, none), empty());
    }
}
