package dev.stophack.generate;

import dev.stophack.api.events.EventKind;
import dev.stophack.console.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes synthetic telemetry in the TON_IoT Linux process and memory formats.
 *
 * <p>Each machine runs a population of processes that lives through intervals ("ticks"): in
 * every tick each live process reports one process row and one memory row, so the same
 * (machine, PID, CMD) appears in both files and the streaming join can match them. Now and
 * then a machine is under attack for a while and attack processes join the population.
 * Sleeping processes often report the same values as before, so many rows repeat, as in the
 * real data. A share of attacks behave like normal work and a few labels are flipped, so
 * attacks are learnable but not perfectly separable. Everything follows from the seed.
 */
public final class TelemetryGenerator {
    public static final String PROCESS_TRAIN = "linux_process_train.csv";
    public static final String MEMORY_TRAIN = "linux_memory_train.csv";
    public static final String PROCESS_STREAM = "streaming_linux_process.csv";
    public static final String MEMORY_STREAM = "streaming_linux_memory.csv";

    /**
     * Label noise, per class: real labels are not perfect either. Attacks are about a tenth of
     * the rows, so normal rows flip far less often, or the flipped ones would swamp the attack
     * class (measured: 3% both ways made a quarter of attack labels wrong and capped a
     * decision tree at 0.74 F1).
     */
    static final double ATTACK_LABEL_NOISE = 0.03;
    static final double NORMAL_LABEL_NOISE = 0.004;
    /** Share of attack processes that look like ordinary work. */
    static final double STEALTHY_ATTACKS = 0.10;

    /** What to generate. */
    public record Options(List<Integer> machines, long trainRows, long streamRows, long seed) {
        public Options {
            if (machines.isEmpty()) {
                throw new IllegalArgumentException("at least one machine is needed");
            }
            if (trainRows < 0 || streamRows < 0) {
                throw new IllegalArgumentException("row counts cannot be negative");
            }
        }
    }

    /** Rows written per file. */
    public record Summary(long trainRows, long streamRows) {
    }

    private final Options options;

    public TelemetryGenerator(Options options) {
        this.options = options;
    }

    /** Below this many rows a file is written too fast for a progress bar to help. */
    private static final long PROGRESS_FROM_ROWS = 200_000;

    /** Writes the four CSV files into {@code dir}, creating it. */
    public Summary writeAll(Path dir, boolean showProgress) throws IOException {
        Files.createDirectories(dir);
        long train = write(dir.resolve(PROCESS_TRAIN), dir.resolve(MEMORY_TRAIN), options.trainRows(), true,
                options.seed(), progress(showProgress, "train ", options.trainRows()));
        long stream = write(dir.resolve(PROCESS_STREAM), dir.resolve(MEMORY_STREAM), options.streamRows(), false,
                options.seed() * 31 + 7, progress(showProgress, "stream", options.streamRows()));
        return new Summary(train, stream);
    }

    private static Progress progress(boolean wanted, String label, long rows) {
        return wanted && rows >= PROGRESS_FROM_ROWS ? Progress.onStderr(label, rows) : null;
    }

    /** Writes {@code rows} rows to each of the two files; returns the rows written per file. */
    long write(Path processFile, Path memoryFile, long rows, boolean labelled, long seed, Progress progress)
            throws IOException {
        try (Writer process = newWriter(processFile); Writer memory = newWriter(memoryFile)) {
            process.write(header(EventKind.PROCESS, labelled));
            memory.write(header(EventKind.MEMORY, labelled));
            SplittableRandom random = new SplittableRandom(seed);
            List<Machine> machines = new ArrayList<>();
            for (int id : options.machines()) {
                machines.add(new Machine(id, random.split()));
            }
            RowWriter out = new RowWriter(process, memory, labelled, random.split());
            while (out.rows < rows) {
                for (Machine machine : machines) {
                    long before = out.rows;
                    machine.tick(out, rows);
                    if (progress != null) {
                        progress.advance(out.rows - before);
                    }
                    if (out.rows >= rows) {
                        break;
                    }
                }
            }
            if (progress != null) {
                progress.finish();
            }
            return out.rows;
        }
    }

    private static Writer newWriter(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    static String header(EventKind kind, boolean labelled) {
        String columns = String.join(",", kind.columns());
        return (labelled ? columns + "," + EventKind.ATTACK + "," + EventKind.TYPE : columns) + "\n";
    }

    /** Writes aligned process and memory rows, numbering each file's rows. */
    static final class RowWriter {
        private final Writer process;
        private final Writer memory;
        private final boolean labelled;
        private final SplittableRandom random;
        private final StringBuilder line = new StringBuilder(160);
        long rows;

        RowWriter(Writer process, Writer memory, boolean labelled, SplittableRandom random) {
            this.process = process;
            this.memory = memory;
            this.labelled = labelled;
            this.random = random;
        }

        void write(int machine, Proc p) throws IOException {
            rows++;
            String type = p.behaviour.type();
            boolean attack = !type.equals("normal");
            if (labelled && random.nextDouble() < (attack ? ATTACK_LABEL_NOISE : NORMAL_LABEL_NOISE)) {
                attack = !attack;
                type = attack ? p.noiseType : "normal";
            }
            line.setLength(0);
            line.append(rows).append(',').append(machine).append(',').append(p.pid).append(',');
            p.appendProcess(line);
            label(attack, type);
            process.append(line);

            line.setLength(0);
            line.append(rows).append(',').append(machine).append(',').append(p.pid).append(',');
            p.appendMemory(line);
            label(attack, type);
            memory.append(line);
        }

        private void label(boolean attack, String type) {
            if (labelled) {
                line.append(',').append(attack ? 1 : 0).append(',').append(type);
            }
            line.append('\n');
        }
    }
}
