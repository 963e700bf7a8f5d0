package dev.stophack.faults.feed;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.generate.TelemetryGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Good events, the same on every run: the generator's streaming telemetry (the baseline models'
 * kind of data, so some of it scores as attack and the windows and joins have rows), encoded as
 * the producers encode it. Row {@code i} of each kind gets event time {@code T0 + i / 100}: 100
 * events of a kind per second of event time, in order, so that an ingest batch of a few thousand
 * records spans less than the 20 s watermark and nothing counts as late.
 */
public final class Telemetry implements AutoCloseable {
    /** 2024-03-01T10:00:00Z. */
    public static final long T0 = 1_709_287_200L;
    public static final int PER_SECOND = 100;
    /** Ten minutes of event time after the last event: past every window and the join's bound. */
    static final long FLUSH_AFTER = 600;

    private final Kind process;
    private final Kind memory;
    private volatile long sent;

    /** Writes {@code rowsPerKind} rows of each kind under {@code dir} and opens them. */
    public Telemetry(Path dir, long rowsPerKind, long seed) throws IOException {
        new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), 0, rowsPerKind, seed))
                .writeAll(dir, false);
        this.process = new Kind(EventKind.PROCESS, CsvReader.open(dir.resolve(TelemetryGenerator.PROCESS_STREAM)));
        this.memory = new Kind(EventKind.MEMORY, CsvReader.open(dir.resolve(TelemetryGenerator.MEMORY_STREAM)));
    }

    /** Sends the next {@code n} rows of each kind, a process row then a memory row; returns how many pairs went. */
    public long next(long n, RecordSink sink) throws IOException {
        long i = 0;
        for (; i < n; i++) {
            long ts = T0 + sent / PER_SECOND;
            boolean p = process.send(ts, sink);
            boolean m = memory.send(ts, sink);
            if (!p && !m) {
                break;
            }
            sent++;
        }
        return i;
    }

    /** The event time {@link #flush} gives, in Unix seconds. */
    public long flushTime() {
        return T0 + sent / PER_SECOND + FLUSH_AFTER;
    }

    /** Rows of each kind sent so far. */
    public long sent() {
        return sent;
    }

    /** One more event of each kind, far enough ahead that every window closes and every join is final. */
    public void flush(RecordSink sink) {
        long ts = flushTime();
        process.resend(ts, sink);
        memory.resend(ts, sink);
    }

    @Override
    public void close() throws IOException {
        process.reader.close();
        memory.reader.close();
    }

    private static final class Kind {
        final EventKind kind;
        final CsvReader reader;
        final EventEncoder encoder;
        String[] last;

        Kind(EventKind kind, CsvReader reader) {
            this.kind = kind;
            this.reader = reader;
            this.encoder = new EventEncoder(kind, reader.header());
        }

        boolean send(long ts, RecordSink sink) throws IOException {
            String[] row = reader.next();
            if (row == null) {
                return false;
            }
            last = row;
            sink.send(kind.topic(), row[encoder.machinePosition()], encoder.encode(row, ts), false);
            return true;
        }

        void resend(long ts, RecordSink sink) {
            if (last != null) {
                sink.send(kind.topic(), last[encoder.machinePosition()], encoder.encode(last, ts), false);
            }
        }
    }
}
