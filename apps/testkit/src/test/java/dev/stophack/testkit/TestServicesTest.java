package dev.stophack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.kafka.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

class TestServicesTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().kafka().s3().build();

    @Test
    void sendsAndReadsRecords() {
        services.send(Topics.MEMORY, "m7", "{\"machine\":\"m7\"}");
        services.send(Topics.MEMORY, "m8", "{\"machine\":\"m8\"}");

        assertThat(services.read(Topics.MEMORY, 2, Duration.ofSeconds(20)))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("m7", "m8");
    }

    @Test
    void storesObjectsThroughThePlainClient() {
        services.s3Client().putObject(r -> r.bucket(services.bucket()).key("models/memory/ACTIVE"),
                RequestBody.fromString("{\"version\":3}"));

        assertThat(services.s3Client().listObjectsV2(r -> r.bucket(services.bucket()).prefix("models/")).contents())
                .extracting(S3Object::key)
                .containsExactly("models/memory/ACTIVE");
        assertThat(services.s3Endpoint()).startsWith("http://127.0.0.1:");
        assertThat(services.bootstrapServers()).startsWith("127.0.0.1:");
    }
}
