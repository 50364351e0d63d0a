package cn.hpf.mobile.signin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The sandbox SMS gateway: delivers nothing, records every message so that the demo and the tests can read the
 * codes ({@code GET /sandbox/sms/messages}). Selected only when hpf.sandbox.enabled=true.
 */
@ApplicationScoped
@Typed(SandboxSmsGateway.class)
public class SandboxSmsGateway implements SmsGateway {

    public record Message(String mobile, String text, OffsetDateTime sentAt) {
    }

    private final SandboxSmsRepository repository;
    private final Clock clock;

    public SandboxSmsGateway(SandboxSmsRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Uni<Void> send(String mobile, String text) {
        return repository.record(mobile, text, OffsetDateTime.now(clock));
    }

    /** Forgets messages sent before {@code before}: the sandbox needs the last codes only. */
    public Uni<Integer> prune(OffsetDateTime before) {
        return repository.forgetBefore(before);
    }

    /** The number's messages, newest first. */
    public Uni<List<Message>> messages(String mobile, int limit) {
        return repository.messages(mobile, limit);
    }
}
