package cn.hpf.mobile.support.chaos;

import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP fault proxy for bin/chaos: each route listens on one port and forwards to one target, in a mode that can be
 * switched at any time over a tiny HTTP control interface. This kernel has no netem, so latency, stalls, resets and
 * refused connections between the app and PostgreSQL or Redis are made here, in user space.
 * <ul>
 *   <li>{@code pass}: bytes go through as they come;</li>
 *   <li>{@code latency} (ms): every chunk, either way, arrives ms later (order kept);</li>
 *   <li>{@code stall}: connections stay open (and new ones are accepted) but no byte moves until the mode changes,
 *       then what was held goes through;</li>
 *   <li>{@code reset} (ms): every connection is reset (RST both ways) once it has lived ms (0: at once), new ones
 *       too, so clients keep reconnecting and losing what was in flight;</li>
 *   <li>{@code refuse}: the port stops listening (connection refused) and every open connection is reset: the
 *       target as good as stopped.</li>
 * </ul>
 * Control: {@code GET /} lists the routes; {@code POST /NAME/MODE?ms=N} sets a route's mode ({@code all} for every
 * route); {@code POST /NAME/target?to=HOST:PORT} sends the route's new connections elsewhere and resets the open ones.
 * <p>
 * Run: {@code java -cp CLASSPATH cn.hpf.mobile.support.chaos.FaultProxy --control HOST:PORT
 * --route NAME=LISTEN_HOST:PORT>TARGET_HOST:PORT ...}; it prints {@code fault-proxy ready} once every port listens.
 */
public final class FaultProxy {

    public enum Mode { PASS, LATENCY, STALL, RESET, REFUSE }

    /** One listening port and its target. */
    public record RouteSpec(String name, String listenHost, int listenPort, String targetHost, int targetPort) {

        /** {@code NAME=LISTEN_HOST:PORT>TARGET_HOST:PORT}. */
        public static RouteSpec parse(String text) {
            int eq = text.indexOf('=');
            int gt = text.indexOf('>');
            if (eq < 1 || gt < eq) {
                throw new IllegalArgumentException("route must be NAME=LISTEN_HOST:PORT>TARGET_HOST:PORT: " + text);
            }
            String[] listen = hostPort(text.substring(eq + 1, gt));
            String[] target = hostPort(text.substring(gt + 1));
            return new RouteSpec(text.substring(0, eq), listen[0], Integer.parseInt(listen[1]), target[0],
                    Integer.parseInt(target[1]));
        }
    }

    private final Vertx vertx;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final NetClient client;
    private HttpServer control;

    private FaultProxy(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2_000).setTcpNoDelay(true));
    }

    /** Starts every route and, when controlPort is not negative, the control interface (0: any free port). */
    public static Future<FaultProxy> start(Vertx vertx, List<RouteSpec> specs, String controlHost, int controlPort) {
        FaultProxy proxy = new FaultProxy(vertx);
        List<Future<?>> listening = new ArrayList<>();
        for (RouteSpec spec : specs) {
            Route route = proxy.new Route(spec);
            proxy.routes.put(spec.name(), route);
            listening.add(route.listen());
        }
        if (controlPort >= 0) {
            proxy.control = vertx.createHttpServer().requestHandler(proxy::control);
            listening.add(proxy.control.listen(controlPort, controlHost));
        }
        return Future.all(listening).map(x -> proxy);
    }

    /** The port a route listens on (useful when it was started on port 0). */
    public int port(String name) {
        return route(name).port;
    }

    public int controlPort() {
        return control.actualPort();
    }

    /**
     * Switches a route ({@code all}: every route) to a mode; ms is the latency or the reset age. Completes once the
     * mode is in force (a refused port listens again).
     */
    public Future<Void> set(String name, Mode mode, long millis) {
        List<Route> selected = select(name);
        return onContext(() -> Future.all(selected.stream().map(r -> r.set(mode, millis)).toList()).mapEmpty());
    }

    /** New connections of the route go to host:port from now on; open ones are reset so that clients reconnect. */
    public Future<Void> retarget(String name, String host, int port) {
        List<Route> selected = select(name);
        return onContext(() -> {
            for (Route r : selected) {
                r.targetHost = host;
                r.targetPort = port;
                r.resetAll();
            }
            return Future.succeededFuture();
        });
    }

    public JsonArray status() {
        JsonArray out = new JsonArray();
        routes.values().forEach(r -> out.add(r.status()));
        return out;
    }

    public Future<Void> close() {
        List<Future<?>> closing = new ArrayList<>();
        routes.values().forEach(r -> {
            r.resetAll();
            if (r.server != null) {
                closing.add(r.server.close());
            }
        });
        if (control != null) {
            closing.add(control.close());
        }
        closing.add(client.close());
        return Future.all(closing).mapEmpty();
    }

    private Future<Void> onContext(java.util.function.Supplier<Future<Void>> action) {
        // The proxy runs on one event loop (see main): routes change on it, never concurrently with their traffic.
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        vertx.runOnContext(x -> action.get().onComplete(done));
        return done.future();
    }

    private List<Route> select(String name) {
        return "all".equals(name) ? List.copyOf(routes.values()) : List.of(route(name));
    }

    private Route route(String name) {
        Route r = routes.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no route " + name + " (routes: " + routes.keySet() + ")");
        }
        return r;
    }

    private void control(HttpServerRequest req) {
        String[] parts = req.path().replaceAll("^/+|/+$", "").split("/");
        try {
            if (req.method().name().equals("GET")) {
                req.response().putHeader("Content-Type", "application/json").end(status().encodePrettily());
                return;
            }
            if (parts.length != 2) {
                throw new IllegalArgumentException("POST /NAME/MODE?ms=N or POST /NAME/target?to=HOST:PORT");
            }
            select(parts[0]);
            Future<Void> done;
            if (parts[1].equals("target")) {
                String[] to = hostPort(req.getParam("to", ""));
                done = retarget(parts[0], to[0], Integer.parseInt(to[1]));
            } else {
                Mode mode = Mode.valueOf(parts[1].toUpperCase());
                done = set(parts[0], mode, Long.parseLong(req.getParam("ms", "0")));
            }
            done.onComplete(ar -> req.response().setStatusCode(ar.succeeded() ? 200 : 500)
                    .putHeader("Content-Type", "application/json")
                    .end(ar.succeeded() ? status().encodePrettily() : ar.cause() + "\n"));
        } catch (RuntimeException e) {
            req.response().setStatusCode(400).end(e.getMessage() + "\n");
        }
    }

    private static String[] hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + text);
        }
        return new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    private final class Route {
        final String name;
        final String listenHost;
        int port;
        volatile String targetHost;
        volatile int targetPort;
        Mode mode = Mode.PASS;
        long millis;
        NetServer server;
        Future<Void> closing = Future.succeededFuture();
        long accepted;
        final Set<Link> links = ConcurrentHashMap.newKeySet();

        Route(RouteSpec spec) {
            this.name = spec.name();
            this.listenHost = spec.listenHost();
            this.port = spec.listenPort();
            this.targetHost = spec.targetHost();
            this.targetPort = spec.targetPort();
        }

        Future<NetServer> listen() {
            NetServer s = vertx.createNetServer(new io.vertx.core.net.NetServerOptions().setTcpNoDelay(true)
                    .setReuseAddress(true)).connectHandler(this::accept);
            server = s;
            return s.listen(port, listenHost).onSuccess(x -> port = s.actualPort());
        }

        Future<Void> set(Mode next, long ms) {
            mode = next;
            millis = ms;
            if (next == Mode.REFUSE) {
                if (server != null) {
                    closing = server.close();
                    server = null;
                }
                resetAll();
                return closing;
            }
            for (Link l : List.copyOf(links)) {
                if (next == Mode.RESET) {
                    l.resetWhenOld();
                } else if (next != Mode.STALL) {
                    l.release();
                }
            }
            return server != null ? Future.succeededFuture() : closing.compose(x -> listen()).mapEmpty();
        }

        void resetAll() {
            List.copyOf(links).forEach(Link::reset);
        }

        void accept(NetSocket front) {
            accepted++;
            if (mode == Mode.REFUSE) {
                rst(front);
                return;
            }
            front.pause();
            Link link = new Link(this, front);
            links.add(link);
            client.connect(targetPort, targetHost).onComplete(ar -> {
                if (ar.failed()) {
                    link.reset();
                    return;
                }
                link.attach(ar.result());
            });
        }

        JsonObject status() {
            return new JsonObject().put("name", name).put("listen", listenHost + ":" + port)
                    .put("target", targetHost + ":" + targetPort).put("mode", mode.name().toLowerCase())
                    .put("ms", millis).put("open", links.size()).put("accepted", accepted);
        }
    }

    /** One client connection and its connection to the target. */
    private final class Link {
        final Route route;
        final NetSocket front;
        final long openedNanos = System.nanoTime();
        NetSocket back;
        boolean closed;
        long resetTimer = -1;
        final Direction up = new Direction();
        final Direction down = new Direction();

        Link(Route route, NetSocket front) {
            this.route = route;
            this.front = front;
        }

        void attach(NetSocket target) {
            if (closed) {
                rst(target);
                return;
            }
            back = target;
            up.init(front, back);
            down.init(back, front);
            front.closeHandler(x -> close());
            back.closeHandler(x -> close());
            front.exceptionHandler(e -> reset());
            back.exceptionHandler(e -> reset());
            front.resume();
            if (route.mode == Mode.RESET) {
                resetWhenOld();
            }
        }

        void resetWhenOld() {
            long age = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos);
            long wait = route.millis - age;
            if (wait <= 0) {
                reset();
            } else if (resetTimer < 0) {
                resetTimer = vertx.setTimer(wait, t -> {
                    resetTimer = -1;
                    if (route.mode == Mode.RESET) {
                        reset();
                    }
                });
            }
        }

        void release() {
            up.flush();
            down.flush();
        }

        /** One side closed: close the other after what it still has to send (a normal FIN). */
        void close() {
            end(false);
        }

        void reset() {
            end(true);
        }

        private void end(boolean rst) {
            if (closed) {
                return;
            }
            closed = true;
            route.links.remove(this);
            for (NetSocket s : back == null ? List.of(front) : List.of(front, back)) {
                if (rst) {
                    rst(s);
                } else {
                    s.close();
                }
            }
        }

        /**
         * Bytes from one socket to the other through one queue, so that the order holds whatever the modes did: a
         * chunk is due ms after it came (latency) and nothing leaves while the route stalls.
         */
        final class Direction {
            NetSocket from;
            NetSocket to;
            final ArrayDeque<Pending> queue = new ArrayDeque<>();
            long timer = -1;

            void init(NetSocket source, NetSocket sink) {
                this.from = source;
                this.to = sink;
                source.handler(this::chunk);
                sink.drainHandler(x -> pump());
            }

            void chunk(Buffer data) {
                long delay = route.mode == Mode.LATENCY ? TimeUnit.MILLISECONDS.toNanos(route.millis) : 0;
                queue.add(new Pending(data, System.nanoTime() + delay));
                pump();
            }

            void pump() {
                while (!closed && !queue.isEmpty()) {
                    if (route.mode == Mode.STALL || to.writeQueueFull()) {
                        from.pause();
                        return;
                    }
                    long wait = queue.peek().dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        if (timer < 0) {
                            timer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), t -> {
                                timer = -1;
                                pump();
                            });
                        }
                        return;
                    }
                    to.write(queue.poll().data());
                }
                if (!closed && route.mode != Mode.STALL && !to.writeQueueFull()) {
                    from.resume();
                }
            }

            void flush() {
                if (from != null) {
                    pump();
                }
            }
        }
    }

    /** Closes with SO_LINGER 0: the peer gets a RST, as from a crashed host or a middlebox. */
    private static void rst(NetSocket socket) {
        try {
            ((NetSocketInternal) socket).channelHandlerContext().channel().config()
                    .setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException ignored) {
            // Not a Netty-backed socket: a plain close is the best we can do.
        }
        socket.close();
    }

    private record Pending(Buffer data, long dueNanos) {
    }

    public static void main(String[] args) {
        List<RouteSpec> specs = new ArrayList<>();
        String controlHost = "127.0.0.1";
        int controlPort = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--route" -> specs.add(RouteSpec.parse(args[++i]));
                case "--control" -> {
                    String[] hp = hostPort(args[++i]);
                    controlHost = hp[0];
                    controlPort = Integer.parseInt(hp[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: --control HOST:PORT --route NAME=LISTEN_HOST:PORT>TARGET_HOST:PORT ...)");
            }
        }
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        start(vertx, specs, controlHost, controlPort).onComplete(ar -> {
            if (ar.failed()) {
                ar.cause().printStackTrace();
                System.exit(1);
            }
            System.out.println("fault-proxy ready " + ar.result().status().encode());
        });
    }
}
