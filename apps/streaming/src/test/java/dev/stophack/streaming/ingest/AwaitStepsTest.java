package dev.stophack.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.execution.streaming.StreamExecution$;
import org.junit.jupiter.api.Test;

/** How an ingest batch's parallel steps end: results, a step's own failure, or a stop. */
class AwaitStepsTest {

    @Test
    void aStepsFailureIsRethrownAsItself() {
        Future<String> ok = CompletableFuture.completedFuture("written");
        Future<String> bad = CompletableFuture.failedFuture(new IllegalArgumentException("parquet write failed"));
        assertThatThrownBy(() -> IngestBatch.awaitAll(List.of(ok, bad)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parquet write failed");
    }

    @Test
    void anInterruptWhileWaitingReadsToSparkAsAStopNotAFailure() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch never = new CountDownLatch(1);
        Future<String> slow = pool.submit(() -> {
            never.await();
            return "never";
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread batch = new Thread(() -> {
            try {
                IngestBatch.awaitAll(List.of(slow));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        batch.start();
        batch.interrupt(); // what StreamingQuery.stop() does to the batch's thread
        batch.join(10_000);
        pool.shutdownNow();

        assertThat(thrown.get()).isNotNull();
        assertThat(StreamExecution$.MODULE$.isInterruptionException(thrown.get(), null))
                .as("Spark's own test of a stop: %s", thrown.get()).isTrue();
    }

    @Test
    void resultsComeBackInTheStepsOrder() {
        assertThat(IngestBatch.awaitAll(List.of(CompletableFuture.completedFuture(1), CompletableFuture.completedFuture(2))))
                .containsExactly(1, 2);
    }
}
