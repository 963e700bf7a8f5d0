package dev.stophack.faults.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the job's {@code /healthz} once a second from the moment it first answers 200: how many
 * of those probes found it down (503 while a query restarts, or no answer at all).
 */
final class HealthWatch implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;

    HealthWatch(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/healthz");
        this.thread = new Thread(this::watch, "healthz");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        boolean up = false;
        while (!stop) {
            boolean ok = probe();
            up |= ok;
            if (up) {
                probes.incrementAndGet();
                if (!ok) {
                    down.incrementAndGet();
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean probe() {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    long probes() {
        return probes.get();
    }

    long down() {
        return down.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join();
    }
}
