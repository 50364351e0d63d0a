package cn.hpf.mobile.payout;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.hpf.mobile.common.SandboxConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without the sandbox, the application must not start without a real bank: payouts would go nowhere. */
class BankGatewayProducerTest {

    @Test
    void refusesToStartWithoutSandboxOrBankEndpoint() {
        var producer = new BankGatewayProducer(sandbox(false), Optional.of(" "), null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> producer.checkOnStart(null));
        assertThat(e.getMessage(), containsString("hpf.bank.endpoint"));
    }

    @Test
    void startsWithARealEndpointOrTheSandbox() {
        assertDoesNotThrow(() -> new BankGatewayProducer(sandbox(false), Optional.of("https://bank.example/payouts"), null)
                .checkOnStart(null));
        assertDoesNotThrow(() -> new BankGatewayProducer(sandbox(true), Optional.empty(), null).checkOnStart(null));
    }

    private static SandboxConfig sandbox(boolean enabled) {
        return new SandboxConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public boolean seedDemoData() {
                return enabled;
            }
        };
    }
}
