package cn.hpf.mobile.loan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.hpf.mobile.common.ApiException;
import org.junit.jupiter.api.Test;

/** Without a collection port, a bank card cannot pay a prepayment outside the sandbox: the loan would drop unpaid. */
class PrepaymentSourceTest {

    @Test
    void bankCardIsRefusedOutsideTheSandbox() {
        ApiException e = assertThrows(ApiException.class,
                () -> PrepaymentService.checkSourceAvailable(PrepaymentSource.BANK_CARD, false));
        assertEquals(422, e.status());
        assertEquals("SOURCE_NOT_AVAILABLE", e.code());
    }

    @Test
    void theHpfBalanceAlwaysAndTheCardInTheSandboxArePossible() {
        assertDoesNotThrow(() -> PrepaymentService.checkSourceAvailable(PrepaymentSource.HPF_BALANCE, false));
        assertDoesNotThrow(() -> PrepaymentService.checkSourceAvailable(PrepaymentSource.HPF_BALANCE, true));
        assertDoesNotThrow(() -> PrepaymentService.checkSourceAvailable(PrepaymentSource.BANK_CARD, true));
    }
}
