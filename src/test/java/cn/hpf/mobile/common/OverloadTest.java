package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.impl.NoStackTraceThrowable;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** A pool that found no connection in time is saturation (503 SERVICE_BUSY), however a library wraps it. */
class OverloadTest {

    @Test
    void theRequestPoolsConnectionTimeoutIsOverloadAlsoInsideAHibernateException() {
        NoStackTraceThrowable poolTimeout = new NoStackTraceThrowable("Timeout");
        assertThat(Overload.is(poolTimeout)).isTrue();
        assertThat(Overload.is(new HibernateException(poolTimeout))).isTrue();
        assertThat(Overload.is(new NoStackTraceThrowable("Connection refused"))).isFalse();
        assertThat(Overload.is(new IllegalStateException("Timeout"))).isFalse();
    }
}
