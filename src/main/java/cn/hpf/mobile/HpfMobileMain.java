package cn.hpf.mobile;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The application's entry point. Quarkus refuses a request target that is not a URI with an empty 400 before any
 * filter runs; its check is switched off here (a JVM property it reads as the server starts) so that
 * {@code common/http/RequestGuard} makes the same check first and answers it as problem+json like every other 4xx.
 * Tests set the same property in the build.
 */
@QuarkusMain
public class HpfMobileMain {

    public static final String QUARKUS_URI_CHECK_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(QUARKUS_URI_CHECK_OFF, "true");
        Quarkus.run(args);
    }
}
