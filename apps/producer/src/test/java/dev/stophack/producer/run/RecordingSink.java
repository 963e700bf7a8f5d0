package dev.stophack.producer.run;

import dev.stophack.producer.source.MachineRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An {@link EventSink} that remembers what it was given, for testing the runs without Kafka. */
final class RecordingSink implements EventSink {
    record Sent(String machine, String[] row, long ts, long cycle, long atMillis) {
    }

    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    int flushes;

    @Override
    public void send(MachineRows machine, int row, long ts, long cycle) {
        sent.add(new Sent(machine.machine(), machine.row(row), ts, cycle, System.currentTimeMillis()));
    }

    @Override
    public void flush() {
        flushes++;
    }
}
