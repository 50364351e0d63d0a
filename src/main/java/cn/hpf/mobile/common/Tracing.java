package cn.hpf.mobile.common;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The withdrawal id on the spans that work on one: the request's span at admission, and a span of its own for the
 * work no request starts (a payout, a partner notification), so that a trace search by withdrawal id finds all of
 * it. Tracing is off unless configured (quarkus.otel.sdk.disabled): then these are no-ops.
 */
@ApplicationScoped
public class Tracing {

    public static final AttributeKey<String> WITHDRAWAL_ID = AttributeKey.stringKey("hpf.withdrawal.id");

    private final Tracer tracer;

    public Tracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Marks the current span (the request's) as working on this withdrawal. */
    public static void tagWithdrawal(UUID withdrawalId) {
        Span.current().setAttribute(WITHDRAWAL_ID, withdrawalId.toString());
    }

    /** Runs {@code work} in a span of its own, current while the work is subscribed, ended when it ends. */
    public <T> Uni<T> span(String name, UUID withdrawalId, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(WITHDRAWAL_ID, withdrawalId.toString()).startSpan();
            try (Scope ignored = span.makeCurrent()) {
                work.get().subscribe().with(item -> {
                    span.end();
                    emitter.complete(item);
                }, failure -> {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                    span.end();
                    emitter.fail(failure);
                });
            }
        });
    }
}
