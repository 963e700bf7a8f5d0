package dev.stophack.training.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Creates {@code ModelVersion} resources with one plain HTTPS POST to the API server, with the
 * pod's service-account token and CA. Deliberately no Kubernetes client library: Spark ships
 * fabric8 6 and the controller uses fabric8 7, and the two must not meet on this classpath.
 */
public final class ModelVersionClient {
    /** Where Kubernetes mounts a pod's service account. */
    public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    public static final URI IN_CLUSTER = URI.create("https://kubernetes.default.svc");

    private final URI apiServer;
    private final String token;
    private final String namespace;
    private final HttpClient http;

    public ModelVersionClient(URI apiServer, String token, String namespace, HttpClient http) {
        this.apiServer = apiServer;
        this.token = token;
        this.namespace = namespace;
        this.http = http;
    }

    /** The in-cluster client from a service-account directory (token, ca.crt, namespace). */
    public static ModelVersionClient fromServiceAccount(Path dir, URI apiServer, String namespaceOverride)
            throws IOException {
        String token = read(dir.resolve("token"));
        String namespace = namespaceOverride != null ? namespaceOverride : read(dir.resolve("namespace"));
        HttpClient http = HttpClient.newBuilder()
                .sslContext(trusting(dir.resolve("ca.crt")))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new ModelVersionClient(apiServer, token, namespace, http);
    }

    public String namespace() {
        return namespace;
    }

    /** POSTs the resource; a status other than 200/201 is an IOException with the server's answer. */
    public void create(JsonNode resource) throws IOException {
        URI uri = apiServer.resolve(ModelVersionResource.collectionPath(namespace));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(resource.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + resource.path("metadata").path("name").asText(), e);
        }
        int status = response.statusCode();
        if (status != 200 && status != 201) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("creating ModelVersion " + resource.path("metadata").path("name").asText() + " at "
                    + uri + " failed: HTTP " + status + (status == 409 ? " (it already exists)" : "") + " "
                    + body.substring(0, Math.min(300, body.length())).replaceAll("\\s+", " "));
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** An SSL context that trusts exactly the cluster's CA. */
    static SSLContext trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + ": not a usable CA certificate: " + e.getMessage(), e);
        }
    }
}
