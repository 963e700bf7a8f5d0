package dev.stophack.streaming.ingest;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import dev.stophack.generate.TelemetryGenerator;
import dev.stophack.streaming.parse.Plausibility;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Prints how fast one ingest task turns Kafka records into rows (not a test): the job's
 * {@link RecordParser} over generated events held in memory, one thread, no Spark scheduling and
 * no Kafka fetch, so that a change in parsing or row writing shows alone. Optionally a share of
 * the records is unreadable (400-byte binary values), to price the dead-letter path.
 *
 * <p>{@code ParseBenchmark [records] [rounds] [bad-per-thousand]}
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int badPerThousand = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        List<InternalRow> input = records(records, badPerThousand);
        long readMicros = System.currentTimeMillis() * 1000;
        double[] rates = new double[rounds];
        double[] cpuRates = new double[rounds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long checksum = 0;
        for (int r = 0; r < rounds; r++) {
            RecordParser parser = new RecordParser(new Plausibility(Plausibility.DEFAULT_MAX_FUTURE), readMicros,
                    new BatchStats(), Map.of(), Map.of());
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            Iterator<InternalRow> out = parser.call(input.iterator());
            while (out.hasNext()) {
                checksum += ((UnsafeRow) out.next()).getSizeInBytes();
            }
            cpuRates[r] = records * 1e9 / (threads.getCurrentThreadCpuTime() - cpu0);
            rates[r] = records * 1e9 / (System.nanoTime() - t0);
        }
        // the first third warms the JIT up; CPU time is what a busy machine (other builds) disturbs least
        System.out.printf("%,d records (%d per 1000 unreadable), %d rounds after %d warm-up: per CPU second median %,.0f"
                + " rec/s, best %,.0f; per wall second median %,.0f rec/s (bytes out %,d)%n", records, badPerThousand,
                rounds - rounds / 3, rounds / 3, median(cpuRates, rounds), best(cpuRates, rounds), median(rates, rounds),
                checksum);
    }

    private static double median(double[] all, int rounds) {
        double[] measured = Arrays.copyOfRange(all, rounds / 3, rounds);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static double best(double[] all, int rounds) {
        return Arrays.stream(all, rounds / 3, rounds).max().orElse(0);
    }

    /** Generated events of both kinds as the Kafka source's rows: value, topic, partition, offset, timestamp. */
    private static List<InternalRow> records(int n, int badPerThousand) throws Exception {
        Path work = Files.createTempDirectory("parse-bench-");
        new TelemetryGenerator(new TelemetryGenerator.Options(List.of(4, 5, 6, 7, 8), 0, n / 2 + 1, 7)).writeAll(work, false);
        long kafkaMicros = System.currentTimeMillis() * 1000;
        byte[] bad = new byte[400];
        Arrays.fill(bad, (byte) 0xFF);
        List<InternalRow> rows = new ArrayList<>(n);
        for (EventKind kind : EventKind.values()) {
            String file = kind == EventKind.PROCESS ? TelemetryGenerator.PROCESS_STREAM : TelemetryGenerator.MEMORY_STREAM;
            try (CsvReader csv = CsvReader.open(work.resolve(file))) {
                EventEncoder encoder = new EventEncoder(kind, csv.header());
                UTF8String topic = UTF8String.fromString(kind.topic());
                String[] row;
                long offset = 0;
                while (rows.size() < n * (kind.ordinal() + 1) / 2 && (row = csv.next()) != null) {
                    byte[] value = badPerThousand > 0 && offset % 1000 < badPerThousand ? bad
                            : encoder.encode(row, kafkaMicros / 1_000_000 - 60);
                    rows.add(new GenericInternalRow(new Object[] {value, topic, 0, offset++, kafkaMicros}));
                }
            }
        }
        System.out.printf("%,d records, %,d bytes of values%n", rows.size(),
                rows.stream().mapToLong(r -> r.getBinary(0).length).sum());
        return rows;
    }
}
