package dev.stophack.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.producer.observe.ProducerMetrics;
import dev.stophack.producer.schedule.Bounds;
import dev.stophack.producer.schedule.Planner;
import dev.stophack.producer.schedule.ScheduleSettings;
import dev.stophack.producer.source.MachineRows;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScheduledRunTest {
    private static MachineRows machine(String id, int rows) {
        String[][] r = new String[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = new String[] {id, Integer.toString(i)};
        }
        return new MachineRows(id, r);
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProducerMetrics metrics = new ProducerMetrics(registry, EventKind.MEMORY);
    private final RecordingSink sink = new RecordingSink();

    private ScheduledRun run(ScheduleSettings settings, long cycles, StopSignal stop) {
        Planner planner = new Planner(List.of(machine("4", 500), machine("5", 500)), settings, new SplittableRandom(5));
        return new ScheduledRun(EventKind.MEMORY, planner, settings, cycles, sink, metrics, stop, Clock.systemUTC());
    }

    @Test
    void runsTheCyclesOnTheClockAndSendsEverythingItTakes() throws Exception {
        ScheduleSettings settings = ScheduleSettings.of(EventKind.MEMORY).withInterval(Duration.ofMillis(200));
        long started = System.currentTimeMillis();
        long handed = run(settings, 4, new StopSignal()).run();
        long ended = System.currentTimeMillis();

        assertThat(handed).isEqualTo(sink.sent.size());
        assertThat(sink.flushes).isEqualTo(1);
        Map<Long, List<RecordingSink.Sent>> byCycle = sink.sent.stream()
                .collect(Collectors.groupingBy(RecordingSink.Sent::cycle, TreeMap::new, Collectors.toList()));
        assertThat(byCycle).containsOnlyKeys(1L, 2L, 3L, 4L);
        // cycle n starts no sooner than (n-1) intervals after the run began: the schedule is anchored
        // at the start, so a first cycle that a busy machine delayed is followed by one sooner than an
        // interval after it. Later than planned only on a very busy machine: a loose upper bound.
        for (long c = 2; c <= 4; c++) {
            long startedAt = byCycle.get(c).get(0).atMillis();
            assertThat(startedAt - started).isBetween((c - 1) * 200 - 5, (c - 1) * 200 + 5000);
        }
        assertThat(ended - started).isGreaterThanOrEqualTo(3 * 200);
        // every machine's rows in sequence order with no gap: nothing taken was left unsent
        for (String m : List.of("4", "5")) {
            List<Integer> order = sink.sent.stream().filter(s -> s.machine().equals(m))
                    .map(s -> Integer.parseInt(s.row()[1])).toList();
            for (int i = 0; i < order.size(); i++) {
                assertThat(order.get(i)).isEqualTo(i % 500);
            }
        }
        assertThat(registry.get("stophack.producer.cycles").counter().count()).isEqualTo(4);
        assertThat(registry.get("stophack.producer.late.rows.held").gauge().value()).as("the last cycle holds none").isZero();
    }

    @Test
    void aStopDuringTheWaitSendsTheHeldRowsAtOnceWithTheirOwnTime() throws Exception {
        ScheduleSettings settings = ScheduleSettings.of(EventKind.MEMORY)
                .withInterval(Duration.ofSeconds(30)).withLate(new Bounds(2, 2));
        StopSignal stop = new StopSignal();
        CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run(settings, 0, stop).run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (sink.sent.isEmpty()) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        int firstCycle = sink.sent.size();
        stop.stop();
        long handed = result.get(); // long before the next cycle is due
        assertThat(handed).isEqualTo(firstCycle + 4);
        List<RecordingSink.Sent> late = sink.sent.subList(firstCycle, sink.sent.size());
        assertThat(late).extracting(RecordingSink.Sent::cycle).containsOnly(2L);
        assertThat(late).extracting(RecordingSink.Sent::ts).containsOnly(sink.sent.get(0).ts());
        assertThat(sink.flushes).isEqualTo(1);
        assertThat(registry.get("stophack.producer.late.rows").counter().count()).isEqualTo(4);
    }

    @Test
    void eventsAreStampedWithTheCyclesDueTimeInSeconds() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        run(ScheduleSettings.of(EventKind.PROCESS).withInterval(Duration.ofMillis(50)), 2, new StopSignal()).run();
        long after = System.currentTimeMillis() / 1000;
        assertThat(sink.sent).allSatisfy(s -> assertThat(s.ts()).isBetween(before, after));
    }
}
