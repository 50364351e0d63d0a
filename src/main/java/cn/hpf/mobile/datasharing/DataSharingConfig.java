package cn.hpf.mobile.datasharing;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Endpoints of the real data-sharing platforms; required outside the sandbox. */
@ConfigMapping(prefix = "hpf.datasharing")
public interface DataSharingConfig {

    Optional<String> housingRegistryUrl();

    Optional<String> civilAffairsUrl();

    Optional<String> depositNetworkUrl();
}
