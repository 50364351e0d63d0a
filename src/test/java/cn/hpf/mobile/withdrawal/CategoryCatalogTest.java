package cn.hpf.mobile.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The category rules are shared by every request, but each request must get them on its own Vert.x context: a
 * request that went on on another's context would open its Hibernate Reactive session there, and one request would
 * close the session under the other (the guide's 500s under concurrency).
 */
@QuarkusTest
class CategoryCatalogTest {

    @Inject
    CategoryRepository repository;
    @Inject
    AdmissionConfig config;
    @Inject
    Vertx vertx;

    @Test
    void requestsAskingAtOnceGetTheRulesOnTheirOwnContextAtTheFirstLoadAndAtEveryRefresh() throws Exception {
        CategoryCatalog catalog = new CategoryCatalog(repository, refreshedAtEveryRequest());
        for (int round = 0; round < 5; round++) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
                CompletableFuture<String> answer = new CompletableFuture<>();
                own.runOnContext(ignored -> catalog.all().subscribe().with(
                        rules -> answer.complete(Vertx.currentContext() != own ? "on another request's context"
                                : rules.containsKey("PURCHASE") ? "on its own context" : "without the rules"),
                        answer::completeExceptionally));
                answers.add(answer);
            }
            for (CompletableFuture<String> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).as("round %d", round).isEqualTo("on its own context");
            }
        }
    }

    /** The application's admission settings, but rules older than a nanosecond are read again. */
    private AdmissionConfig refreshedAtEveryRequest() {
        return (AdmissionConfig) Proxy.newProxyInstance(AdmissionConfig.class.getClassLoader(),
                new Class<?>[] {AdmissionConfig.class}, (proxy, method, args) ->
                        method.getName().equals("categoryRefresh") ? Duration.ofNanos(1) : method.invoke(config, args));
    }
}
