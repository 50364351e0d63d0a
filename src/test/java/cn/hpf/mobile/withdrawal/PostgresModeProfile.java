package cn.hpf.mobile.withdrawal;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** hpf.admission.mode=postgres: admission without Redis, the day's budget on one PostgreSQL row. */
public class PostgresModeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hpf.admission.mode", "postgres");
    }
}
