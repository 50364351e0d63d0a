package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.payout.PayoutDispatcher;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the admission tests: they inspect admitted-but-unpaid state, so the payout dispatcher is paused for each
 * test and resumed after it (the outbox rows then drain as they would after a bank maintenance window).
 */
abstract class PayoutsPausedTest {

    @Inject
    PayoutDispatcher dispatcher;

    @BeforeEach
    void holdPayouts() {
        dispatcher.pause();
    }

    @AfterEach
    void releasePayouts() {
        dispatcher.resume();
    }
}
