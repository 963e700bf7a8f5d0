package dev.stophack.training.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stophack.api.events.EventKind;
import dev.stophack.training.evaluate.ConfusionMatrix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The POST against a tiny JDK HTTP server on 127.0.0.1 standing in for the API server. */
class ModelVersionClientTest {
    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(201);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            byte[] answer = (status.get() == 409 ? "{\"reason\":\"AlreadyExists\"}" : new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ModelVersionClient client() {
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new ModelVersionClient(api, "token-abc", "stophack", HttpClient.newHttpClient());
    }

    private static JsonNode resource() {
        return ModelVersionResource.body(EventKind.PROCESS, 3, "s3a://stophack/models/process/v3/model", "dt",
                new ConfusionMatrix(9, 1, 18, 2), 0.9, Instant.parse("2026-01-01T00:00:00Z"), 300);
    }

    @Test
    void postsTheResourceWithTheBearerToken() throws Exception {
        client().create(resource());
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/apis/stophack.dev/v1alpha1/namespaces/stophack/modelversions");
        assertThat(r.authorization()).isEqualTo("Bearer token-abc");
        assertThat(r.contentType()).isEqualTo("application/json");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(r.body())).isEqualTo(json.readTree(resource().toString()));
    }

    @Test
    void aConflictIsAnErrorThatSaysTheResourceExists() {
        status.set(409);
        assertThatThrownBy(() -> client().create(resource()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("process-v3")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("already exists");
    }

    @Test
    void readsTokenNamespaceAndCaFromAServiceAccountDirectory() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/serviceaccount/token").toURI()).getParent();
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ModelVersionClient client = ModelVersionClient.fromServiceAccount(dir, api, null);
        assertThat(client.namespace()).isEqualTo("stophack");
        client.create(resource());
        assertThat(received.get(0).authorization()).isEqualTo("Bearer test-token-123");
        assertThat(ModelVersionClient.fromServiceAccount(dir, api, "other").namespace()).isEqualTo("other");
    }
}
