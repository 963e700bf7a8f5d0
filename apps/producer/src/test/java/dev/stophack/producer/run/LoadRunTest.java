package dev.stophack.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.producer.source.MachineRows;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunTest {
    private static MachineRows machine(String id, int rows) {
        String[][] r = new String[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = new String[] {id, Integer.toString(i)};
        }
        return new MachineRows(id, r);
    }

    @Test
    void sendsTheMachinesInTurnEachInSequenceAndWrapping() throws Exception {
        RecordingSink sink = new RecordingSink();
        long handed = new LoadRun(List.of(machine("4", 3), machine("5", 5)), sink, null, 20, new StopSignal(), Clock.systemUTC()).run();
        assertThat(handed).isEqualTo(20);
        assertThat(sink.sent).extracting(s -> s.machine() + ":" + s.row()[1]).startsWith(
                "4:0", "5:0", "4:1", "5:1", "4:2", "5:2", "4:0", "5:3", "4:1", "5:4", "4:2", "5:0");
        assertThat(sink.sent).extracting(RecordingSink.Sent::cycle).containsOnly(0L);
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void aRateSpreadsTheEventsOverTime() throws Exception {
        RecordingSink sink = new RecordingSink();
        long start = System.nanoTime();
        new LoadRun(List.of(machine("4", 10)), sink, new Pacer(200), 41, new StopSignal(), Clock.systemUTC()).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        // the 41st event is due 40 / 200 = 0.2 s after the start
        assertThat(seconds).isGreaterThanOrEqualTo(0.19);
        assertThat(sink.sent).hasSize(41);
    }

    @Test
    void aStopEndsARunWithoutLimit() throws Exception {
        RecordingSink sink = new RecordingSink();
        StopSignal stop = new StopSignal();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            stop.stop();
        });
        long start = System.nanoTime();
        stopper.start();
        long handed = new LoadRun(List.of(machine("4", 10)), sink, new Pacer(1000), 0, stop, Clock.systemUTC()).run();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // one event per millisecond for the 100 ms before the stop (half of them at least on a busy machine), never ahead of time
        assertThat(handed).isEqualTo(sink.sent.size()).isBetween(50L, elapsedMillis + 2);
        assertThat(sink.flushes).isEqualTo(1);
    }
}
