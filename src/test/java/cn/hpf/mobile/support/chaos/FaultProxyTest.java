package cn.hpf.mobile.support.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.support.chaos.FaultProxy.Mode;
import cn.hpf.mobile.support.chaos.FaultProxy.RouteSpec;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fault proxy bin/chaos puts between the app and PostgreSQL or Redis, against an echo server. */
class FaultProxyTest {

    private static Vertx vertx;
    private static NetServer echo;
    private static FaultProxy proxy;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        echo = vertx.createNetServer().connectHandler(s -> s.handler(s::write))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        proxy = FaultProxy.start(vertx, List.of(new RouteSpec("echo", "127.0.0.1", 0, "127.0.0.1",
                echo.actualPort())), "127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        port = proxy.port("echo");
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void pass() throws Exception {
        set(Mode.PASS, 0);
    }

    @Test
    void passesBytesBothWays() throws Exception {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            assertThat(roundTrip(s, "again")).isEqualTo("again");
        }
    }

    @Test
    void latencyDelaysEachWayAndKeepsTheOrder() throws Exception {
        try (Socket s = connect()) {
            set(Mode.LATENCY, 150);
            long start = System.nanoTime();
            s.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write("def".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(s, 6)).isEqualTo("abcdef");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void stallHoldsBytesUntilReleased() throws Exception {
        try (Socket s = connect()) {
            set(Mode.STALL, 0);
            s.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            set(Mode.PASS, 0);
            s.setSoTimeout(5_000);
            assertThat(read(s, 4)).isEqualTo("held");
        }
    }

    @Test
    void resetSendsRstToOpenConnections() throws Exception {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "x")).isEqualTo("x");
            set(Mode.RESET, 0);
            s.setSoTimeout(5_000);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    // The RST may arrive after a write or two: keep talking until the socket says so.
                    s.getOutputStream().write('y');
                    if (s.getInputStream().read() < 0) {
                        return;
                    }
                }
            }).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void refuseStopsListeningUntilPassAgain() throws Exception {
        set(Mode.REFUSE, 0);
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        set(Mode.PASS, 0);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "back")).isEqualTo("back");
        }
    }

    @Test
    void controlInterfaceSetsModes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + proxy.controlPort();
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(base + "/echo/latency?ms=20"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"mode\" : \"latency\"", "\"ms\" : 20");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/nope/pass"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(400);
    }

    private static void set(Mode mode, long ms) throws Exception {
        proxy.set("echo", mode, ms).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        return read(s, text.length());
    }

    private static String read(Socket s, int n) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = in.readNBytes(n);
        return new String(buf, StandardCharsets.US_ASCII);
    }
}
