package dev.stophack.streaming.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stophack.api.events.EventKind;
import dev.stophack.streaming.support.FixtureModels;
import dev.stophack.testkit.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model must score the whole probe set before the job lets it score a batch. */
class ModelValidatorTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    @Test
    void aModelOfTheTrainingShapeIsTakenWithItsRowScorer() {
        PipelineModel model = FixtureModels.fit(spark, EventKind.PROCESS, "CPU", 50);
        LoadedModel loaded = new ModelValidator(spark).validate(EventKind.PROCESS, 3, "file:/m", model);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.rowScorer()).as("compiled to a row scorer that agrees on every probe event").isNotNull();
    }

    @Test
    void aModelThatFailsOnBlankValuesIsRefused() {
        PipelineModel model = FixtureModels.failingOnBlanks(spark, EventKind.MEMORY, "RSIZE", 50);
        assertThatThrownBy(() -> new ModelValidator(spark).validate(EventKind.MEMORY, 4, "file:/m", model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe set of memory events");
    }

    @Test
    void comparingTheRowScorerWithTransformRunsNoSparkJobOverTheProbe() throws Exception {
        PipelineModel model = FixtureModels.fit(spark, EventKind.MEMORY, "RSIZE", 50);
        List<String> callSites = new ArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                synchronized (callSites) {
                    job.stageInfos().foreach(stage -> callSites.add(stage.name()));
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            LoadedModel loaded = new ModelValidator(spark).validate(EventKind.MEMORY, 5, "file:/m", model);
            assertThat(loaded.rowScorer()).as("compared with transform and taken").isNotNull();
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        // a job waits for a free core while batches run; the probe rows are on the driver already
        synchronized (callSites) {
            assertThat(callSites).as("Spark jobs started by the validator itself")
                    .noneMatch(site -> site.contains("ModelValidator.java"));
        }
    }
}
