package dev.stophack.streaming.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.api.s3.S3Layout;
import dev.stophack.models.ModelStore;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.streaming.metrics.StreamMetrics;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.testkit.LocalSpark;
import dev.stophack.testkit.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.FairSchedulableBuilder;
import org.apache.spark.scheduler.Pool;
import org.apache.spark.scheduler.Schedulable;
import org.apache.spark.scheduler.SchedulingMode;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model load's Spark jobs go to their own scheduler pool, which the job's fair scheduler
 * serves before the queries' batches: a promoted model does not wait behind every batch task
 * submitted before its jobs.
 */
class ModelLoadPoolTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().s3().build();

    @Test
    void everyJobOfALoadAndItsValidationRunsInTheModelLoadPool() throws Exception {
        SparkSession spark = LocalSpark.session(SERVICES.s3());
        ModelStore store = new ModelStore(new S3BlobStore(SERVICES.s3Client(), SERVICES.bucket(), S3Layout.MODELS));
        FixtureModels.publish(store, EventKind.PROCESS, FixtureModels.processModel(spark, 50), "first");
        FixtureModels.publish(store, EventKind.MEMORY, FixtureModels.memoryModel(spark, 5), "first");
        List<String> pools = new ArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                synchronized (pools) {
                    pools.add(String.valueOf(job.properties().getProperty("spark.scheduler.pool")));
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try (ActiveModels models = new ActiveModels(spark, store, Duration.ofMinutes(1), new StreamMetrics())) {
            models.pollOnce();
            assertThat(models.current(EventKind.PROCESS)).as("the process model loaded").isPresent();
            assertThat(models.current(EventKind.MEMORY)).as("the memory model loaded").isPresent();
            // the listener bus delivers asynchronously: a job start is posted before its job ends
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        synchronized (pools) {
            assertThat(pools).as("the loads ran Spark jobs").isNotEmpty();
            assertThat(pools).as("the pool of every job of the loads").containsOnly(ActiveModels.LOAD_POOL);
        }
    }

    @Test
    void theFairSchedulerServesTheModelLoadPoolBeforeTheQueries() {
        // what a SparkContext in FAIR mode builds from the classpath's fairscheduler.xml
        Pool root = new Pool("", SchedulingMode.FAIR(), 0, 0);
        new FairSchedulableBuilder(root, LocalSpark.session().sparkContext()).buildPools();
        Schedulable load = root.getSchedulableByName(ActiveModels.LOAD_POOL);
        Schedulable queries = root.getSchedulableByName("default");
        assertThat(load).as("the model-load pool is configured").isNotNull();
        assertThat(load.minShare()).as("a core per kind before the queries").isEqualTo(EventKind.values().length);
        assertThat(queries.minShare()).isZero();
        assertThat(queries.schedulingMode()).as("the queries' jobs keep their first-come order")
                .isEqualTo(SchedulingMode.FIFO());
    }
}
