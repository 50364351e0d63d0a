package cn.hpf.mobile.withdrawal;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A one-second admission write timeout, so that a test can make the write's outcome unknown with a row lock. */
public class ShortWriteTimeoutProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hpf.admission.write-timeout", "PT1S");
    }
}
