package dev.stophack.consumer.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stophack.consumer.kafka.ConsumerStatus;
import dev.stophack.consumer.live.LiveCounts;
import dev.stophack.consumer.live.Snapshot;
import dev.stophack.consumer.metrics.ConsumerMetrics;
import dev.stophack.consumer.weblog.WebJson;
import dev.stophack.consumer.weblog.WebSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's HTTP side on the JDK's built-in server: the dashboard at {@code /}, its JSON at
 * {@code /api/series} (and {@code /api/process}, {@code /api/memory}, {@code /api/attacks},
 * {@code /api/status}), the web access log's panels at {@code /api/weblog}, Prometheus metrics at {@code /metrics} and liveness at {@code /healthz}.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    /** A consumer thread that has not come back from a poll for this long is stuck. */
    static final long STUCK_AFTER_MILLIS = 60_000;

    private final LiveCounts counts;
    private final ConsumerStatus status;
    private final ConsumerMetrics metrics;
    private final WebSettings web;
    private final StaticResources files = new StaticResources();
    private final HttpServer server;
    private final ExecutorService executor;

    public DashboardServer(String host, int port, LiveCounts counts, ConsumerStatus status, ConsumerMetrics metrics)
            throws IOException {
        this(host, port, counts, status, metrics, WebSettings.defaults());
    }

    public DashboardServer(String host, int port, LiveCounts counts, ConsumerStatus status, ConsumerMetrics metrics,
            WebSettings web) throws IOException {
        this.web = web;
        this.counts = counts;
        this.status = status;
        this.metrics = metrics;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (choose another --http-port)", e);
        }
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public DashboardServer start() {
        server.start();
        return this;
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            route(exchange, exchange.getRequestURI().getPath());
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString()); // a closed browser tab
        } catch (RuntimeException e) {
            LOG.warn("failed to answer {}", exchange.getRequestURI(), e);
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/api/series")) {
            sendJson(exchange, DashboardJson.all(counts.snapshot(), status));
        } else if (path.equals("/api/weblog")) {
            sendJson(exchange, WebJson.of(counts.web().snapshot(web), web, counts.clock().millis()));
        } else if (path.startsWith("/api/")) {
            byte[] part = DashboardJson.part(path.substring("/api/".length()), counts.snapshot(), status);
            if (part == null) {
                notFound(exchange);
            } else {
                sendJson(exchange, part);
            }
        } else if (path.equals("/metrics")) {
            Snapshot s = counts.snapshot();
            send(exchange, 200, metrics.contentType(), metrics.scrape(s).getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/healthz")) {
            health(exchange);
        } else {
            StaticResources.Resource file = files.get(path);
            if (file == null) {
                notFound(exchange);
            } else {
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                send(exchange, 200, file.contentType(), file.body());
            }
        }
    }

    /**
     * Live as long as the consumer thread runs and polls; Kafka being away is not a reason to
     * restart this process (it reconnects by itself), so it is reported but stays 200. While the
     * thread waits to be restarted after a failure it is down (503), and the body says why.
     */
    private void health(HttpExchange exchange) throws IOException {
        long now = counts.clock().millis();
        long sincePoll = now - Math.max(status.lastPollMillis(), status.startedMillis());
        boolean healthy = status.running() && sincePoll < STUCK_AFTER_MILLIS;
        String why;
        if (status.failure() != null) {
            why = "consumer thread failed, restarting it (restart " + (status.restarts() + 1) + " after "
                    + status.backoffMillis() / 1000.0 + " s): " + status.failure();
        } else if (!status.running()) {
            why = status.ended() ? "consumer thread stopped" : "consumer thread not started";
        } else {
            why = healthy ? "ok" : "no poll for " + sincePoll / 1000 + " s";
        }
        send(exchange, healthy ? 200 : 503, "application/json",
                DashboardJson.health(healthy, why, status.assignedPartitions(), status.restarts(), status.lastFailure()));
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void sendJson(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json", body);
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
