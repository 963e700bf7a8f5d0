package dev.stophack.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text) and {@code /healthz} on the JDK's own HTTP server: two
 * tiny pages do not need a web framework on an app's classpath. The producers and the rollout
 * controller serve them with it.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves on {@code host:port} (port 0 picks a free one). {@code problem} decides {@code /healthz}:
     * null is healthy (200 {@code ok}), anything else is the reason of a 503. A bind failure is an
     * {@link IllegalArgumentException} naming the address.
     */
    public static HttpEndpoint start(String host, int port, Supplier<String> metrics, Supplier<String> problem) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage() + ")");
        }
        server.createContext("/metrics", exchange -> reply(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
        server.createContext("/healthz", exchange -> {
            String why = problem.get();
            reply(exchange, why == null ? 200 : 503, "text/plain; charset=utf-8", why == null ? "ok\n" : why + "\n");
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stophack-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoint(server, executor);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
