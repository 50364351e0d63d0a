package cn.hpf.mobile.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans the application finished, kept in memory for the tests that switch tracing on (with it off, the
 * default, nothing is recorded). Quarkus exports to every SpanExporter bean.
 */
@ApplicationScoped
public class RecordedSpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Produces
    @Singleton
    InMemorySpanExporter spanExporter() {
        return exporter;
    }

    public InMemorySpanExporter exporter() {
        return exporter;
    }
}
