package cn.hpf.mobile.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A partner's notifyUrl for tests: records every POST (headers and exact body) and answers as told, per attempt
 * (1-based): a status, or a wait longer than the notifier's timeout. Stopped, its port refuses connections.
 */
public final class NotificationReceiver implements AutoCloseable {

    /** What to do on the n-th request: an HTTP status, or {@link #HANG} (answer only after a long wait). */
    public static final int HANG = -1;

    public record Received(int attempt, Map<String, String> headers, byte[] body, int answered) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator answer;

    private NotificationReceiver(IntUnaryOperator answer) throws IOException {
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "notification-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers 200 "success" to everything, as an Alipay-style partner does. */
    public static NotificationReceiver acknowledging() {
        return answering(n -> 200);
    }

    public static NotificationReceiver answering(IntUnaryOperator statusForAttempt) {
        try {
            return new NotificationReceiver(statusForAttempt);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    public void answer(IntUnaryOperator statusForAttempt) {
        this.answer = statusForAttempt;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        int attempt = count.incrementAndGet();
        int status = answer.applyAsInt(attempt);
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        x.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        received.add(new Received(attempt, headers, body, status));
        if (status == HANG) {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 200;
        }
        byte[] reply = (status / 100 == 2 ? "success" : "failure").getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, reply.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
