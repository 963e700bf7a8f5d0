package dev.stophack.streaming.bench;

import dev.stophack.config.KafkaConnection;
import dev.stophack.embedded.FreePort;
import dev.stophack.storage.S3Clients;
import dev.stophack.streaming.support.BrokerProcess;
import dev.stophack.streaming.support.S3Process;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The broker and the S3 endpoint of a streaming benchmark: each a process of its own, as
 * deployed ({@code stophack kafka}, {@code stophack s3}), or both in the benchmark's JVM, as the
 * figures before the processes were measured.
 */
final class StreamServices implements AutoCloseable {
    private final String bootstrap;
    private final String endpoint;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private final S3Client s3Client;
    private final TestServices inJvm;
    private final BrokerProcess broker;
    private final S3Process s3;

    private StreamServices(String bootstrap, String endpoint, String bucket, String accessKey, String secretKey,
                           TestServices inJvm, BrokerProcess broker, S3Process s3) {
        this.bootstrap = bootstrap;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.s3Client = S3Clients.create(endpoint, accessKey, secretKey);
        this.inJvm = inJvm;
        this.broker = broker;
        this.s3 = s3;
    }

    static StreamServices inJvm() {
        TestServices services = TestServices.builder().kafka().s3().start();
        return new StreamServices(services.bootstrapServers(), services.s3Endpoint(), services.bucket(), services.accessKey(),
                services.secretKey(), services, null, null);
    }

    static StreamServices processes(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("services-" + System.nanoTime()));
        S3Process s3 = new S3Process(FreePort.pick(), dir.resolve("s3"), dir.resolve("s3.log")).start();
        try {
            BrokerProcess broker = new BrokerProcess(FreePort.pick(), dir.resolve("kafka"), dir.resolve("kafka.log")).start();
            return new StreamServices(broker.bootstrap(), s3.endpoint(), s3.bucket(), s3.accessKey(), s3.secretKey(), null,
                    broker, s3);
        } catch (Exception e) {
            s3.close();
            throw e;
        }
    }

    boolean separateProcesses() {
        return broker != null;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    KafkaConnection kafkaConnection() {
        return KafkaConnection.plaintext(bootstrap);
    }

    String s3Endpoint() {
        return endpoint;
    }

    String bucket() {
        return bucket;
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    S3Client s3Client() {
        return s3Client;
    }

    /** CPU seconds of the broker and the S3 processes so far; NaN when they run in this JVM. */
    double[] serviceCpuSeconds() {
        return broker == null ? new double[] {Double.NaN, Double.NaN} : new double[] {broker.cpuSeconds(), s3.cpuSeconds()};
    }

    @Override
    public void close() throws Exception {
        s3Client.close();
        if (inJvm != null) {
            inJvm.close();
        }
        if (broker != null) {
            broker.stop(); // a shutdown, not a kill: under stophack bench --profile it then writes its recording
            s3.close();
        }
    }
}
