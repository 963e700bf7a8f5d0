package dev.stophack.consumer.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.consumer.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, driven over its DevTools protocol (no WebDriver, nothing
 * downloaded). It runs with a fresh profile and every background service off, since this
 * machine has no network and must not try to reach one.
 */
final class Chromium implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final int port;

    private Chromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** The installed browser; a missing one fails the test, saying how to install it. */
    static Path executable() {
        String override = System.getenv("CHROMIUM");
        List<Path> candidates = new ArrayList<>(CANDIDATES);
        if (override != null && !override.isBlank()) {
            candidates.add(0, Path.of(override));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "Chromium is not installed (looked for " + candidates + "): the dashboard test needs a real browser."
                        + " Install it with: apt-get update && apt-get install -y chromium chromium-driver"));
    }

    /** Starts the browser with a new profile under {@code workDir}. */
    static Chromium launch(Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        List<String> command = List.of(executable().toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--no-default-browser-check", "--mute-audio",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1440,900",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path activePort = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(activePort) || Files.readAllLines(activePort).isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("Chromium did not open its DevTools port; its log says:\n"
                        + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
        return new Chromium(process, profile, port);
    }

    /** The browser's first tab. */
    DevToolsPage page() throws IOException {
        JsonNode targets = JSON.readTree(Http.get("http://127.0.0.1:" + port + "/json/list").body());
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                return DevToolsPage.connect(t.path("webSocketDebuggerUrl").asText());
            }
        }
        throw new AssertionError("Chromium has no page target: " + targets);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
