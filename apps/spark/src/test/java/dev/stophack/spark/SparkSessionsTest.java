package dev.stophack.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.config.S3Options;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.JavaConverters;

/** What Spark prints of its configuration (conf dumps, the UI's environment page) hides every credential. */
class SparkSessionsTest {
    private static final String ACCESS = "AKIAREDACTME";
    private static final String SECRET = "redact-me-secret";
    private static final String KAFKA_PASSWORD = "redact-me-kafka";

    @Test
    void theS3KeysNeverShowInAConfDump() {
        S3Options s3 = new S3Options();
        s3.endpoint = "http://127.0.0.1:9";
        s3.accessKey = ACCESS;
        s3.secretKey = SECRET;
        SparkConf conf = SparkSessions.conf("t", s3, Map.of());
        assertThat(conf.get("spark.hadoop.fs.s3a.secret.key")).isEqualTo(SECRET);
        assertThat(conf.toDebugString()).contains("spark.hadoop.fs.s3a.secret.key")
                .doesNotContain(SECRET).doesNotContain(ACCESS);
    }

    @Test
    void aKafkaJaasLineIsRedactedWhateverItsWords() {
        SparkConf conf = SparkSessions.conf("t", null, Map.of());
        // a login module whose options name no password, token or secret: only "jaas" in the key gives it away
        List<Tuple2<String, String>> options = List.of(
                new Tuple2<>("kafka.sasl.jaas.config", "org.example.LoginModule required user=\"u\" pin=\"" + KAFKA_PASSWORD + "\";"),
                new Tuple2<>("kafka.ssl.truststore.password", KAFKA_PASSWORD),
                new Tuple2<>("kafka.security.protocol", "SASL_SSL"));
        String shown = Utils.redact(conf, JavaConverters.asScalaBuffer(options).toSeq()).mkString(",");
        assertThat(shown).doesNotContain(KAFKA_PASSWORD).contains("SASL_SSL");
    }

    @Test
    void aRedactionPatternGivenBySparkSubmitIsWidenedNotReplaced() {
        assertThat(SparkSessions.redaction("(?i)mine")).isEqualTo("(?i)mine|(?i)jaas");
        assertThat(SparkSessions.redaction(SparkSessions.redaction("(?i)mine"))).isEqualTo("(?i)mine|(?i)jaas");
    }
}
