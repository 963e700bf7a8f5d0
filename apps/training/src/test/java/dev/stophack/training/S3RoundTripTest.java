package dev.stophack.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.CommandMain;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.testkit.LocalSpark;
import dev.stophack.testkit.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Training data on s3a://, the model store on s3a://, all on the embedded S3 endpoint. */
class S3RoundTripTest {
    @RegisterExtension
    static final TestServices services = TestServices.builder().s3().build();

    @TempDir
    Path tmp;

    @Test
    void trainsFromAndSavesToS3AndTheModelLoadsBack() throws Exception {
        SparkSession spark = LocalSpark.session(services.s3());
        TestData.spark();
        Path data = TestData.generate(tmp.resolve("data"), 2000, 5);
        services.s3Client().putObject(r -> r.bucket(services.bucket()).key("incoming/linux_memory_train.csv"),
                RequestBody.fromFile(data.resolve("linux_memory_train.csv")));

        String[] args = {"--data", services.s3a("incoming"), "--models", services.s3a("models"), "--kinds", "memory",
            "--algorithm", "dt", "--s3-endpoint", services.s3Endpoint(), "--bucket", services.bucket(),
            "--access-key", services.accessKey(), "--secret-key", services.secretKey()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CommandMain.run(new TrainCommand(new PrintStream(out, true, StandardCharsets.UTF_8), args, spark), args);
        System.out.print(out.toString(StandardCharsets.UTF_8)); // the stage log, into the test's output file
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();

        List<String> keys = services.s3Client().listObjectsV2(r -> r.bucket(services.bucket()).prefix("models/"))
                .contents().stream().map(S3Object::key).toList();
        assertThat(keys).contains("models/memory/v1/metrics.json", "models/memory/v1/roc.png",
                "models/memory/v1/report.md", "models/memory/ACTIVE");
        assertThat(keys).anyMatch(k -> k.startsWith("models/memory/v1/model/metadata/"));

        ModelStore store = new ModelStore(new S3BlobStore(services.s3Client(), services.bucket(), "models"));
        StoredVersion v1 = store.version(EventKind.MEMORY, 1).orElseThrow();
        assertThat(v1.complete()).isTrue();
        assertThat(v1.modelUri()).isEqualTo("s3a://" + services.bucket() + "/models/memory/v1/model");
        assertThat(store.active(EventKind.MEMORY).get().uri()).isEqualTo(v1.modelUri());

        PipelineModel loaded = PipelineModel.load(v1.modelUri());
        Dataset<Row> scored = loaded.transform(dev.stophack.training.data.LabelledEvents.normalised(EventKind.MEMORY,
                spark.read().option("header", "true").csv(services.s3a("incoming/linux_memory_train.csv"))));
        assertThat(scored.filter("prediction = 1.0").count()).isPositive();
        assertThat(scored.count()).isEqualTo(2000);
    }
}
