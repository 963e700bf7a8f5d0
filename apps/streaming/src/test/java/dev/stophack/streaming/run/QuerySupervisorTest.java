package dev.stophack.streaming.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.streaming.metrics.StreamMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/** What /healthz reads: a job whose queries are coming up is not down; one waiting to restart is. */
class QuerySupervisorTest {

    @Test
    void aQueryStartingForTheFirstTimeIsNotDownAndAskingDoesNotWaitForIt() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManagedQuery slow = new ManagedQuery("ingest", () -> {
            starting.countDown();
            await(release);
            throw new IllegalStateException("S3 is away"); // its first start fails
        });
        QuerySupervisor supervisor = new QuerySupervisor(new StreamMetrics(), Duration.ofMinutes(5), Duration.ofMinutes(5));
        Thread runner = new Thread(() -> {
            try {
                supervisor.run(List.of(List.of(slow)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runner.start();
        try {
            assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
            // asked while the start is under way: answered at once, and healthy
            boolean whileStarting = CompletableFuture.supplyAsync(supervisor::healthy).get(5, TimeUnit.SECONDS);
            assertThat(whileStarting).as("healthy while the query starts for the first time").isTrue();

            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (supervisor.healthy() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(supervisor.healthy()).as("down once its start failed and it waits to be started again").isFalse();
        } finally {
            release.countDown();
            supervisor.close();
            runner.join(10_000);
        }
        assertThat(runner.isAlive()).isFalse();
    }

    private static StreamingQuery await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
