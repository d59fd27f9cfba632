package dev.cpcstream.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's HTTP face for operators, on the JDK's own server (no extra dependency):
 * <ul>
 *   <li>{@code GET /metrics}: the registry in Prometheus text format 0.0.4, which every Prometheus version reads;
 *   <li>{@code GET /health}: {@link Health} as JSON, status 200 when ready and 503 when not, so a container
 *       healthcheck or a load balancer can use the status alone.
 * </ul>
 * Binds to {@link #DEFAULT_ADDRESS} unless told otherwise, because metrics name topics and hosts; a container sets
 * {@code 0.0.0.0}. Port 0 picks a free port; {@link #port()} says which.
 */
public final class MetricsServer implements AutoCloseable {

    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    /** Registered for "cpcstream" nowhere, but inside the 9xxx range Prometheus exporters conventionally use. */
    public static final int DEFAULT_PORT = 9404;

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code registry} and {@code health} on {@code address:port}; fails if the port is taken. */
    public static MetricsServer start(String address, int port, PrometheusMeterRegistry registry, Health health)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/metrics", exchange -> respond(exchange, "/metrics",
                () -> new Response(200, PROMETHEUS_TEXT, registry.scrape())));
        server.createContext("/health", exchange -> respond(exchange, "/health",
                () -> new Response(health.ready() ? 200 : 503, JSON, health.toJson())));
        // One thread: scrapes come every few seconds, and a slow one should not be overlapped by the next.
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cpc-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        MetricsServer started = new MetricsServer(server, executor);
        log.info("Serving /metrics and /health on http://{}:{}", address, started.port());
        return started;
    }

    /** The port actually bound, which differs from the one asked for when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Response(int status, String contentType, String body) {
    }

    private static void respond(HttpExchange exchange, String path, Supplier<Response> handler) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, new Response(404, "text/plain", "not found; try /metrics or /health\n"), true);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, new Response(405, "text/plain", "only GET and HEAD\n"), true);
            } else {
                send(exchange, handle(exchange, handler), method.equals("GET"));
            }
        }
    }

    /** A failing scrape answers 500 with the cause, which Prometheus shows on its targets page. */
    private static Response handle(HttpExchange exchange, Supplier<Response> handler) {
        try {
            return handler.get();
        } catch (RuntimeException e) {
            log.warn("{} failed", exchange.getRequestURI(), e);
            return new Response(500, "text/plain", "failed: " + e + "\n");
        }
    }

    private static void send(HttpExchange exchange, Response response, boolean withBody) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), withBody ? body.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
