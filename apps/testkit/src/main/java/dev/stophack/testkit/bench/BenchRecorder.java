package dev.stophack.testkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stophack.api.bench.BenchFigure;
import dev.stophack.api.bench.BenchGoal;
import dev.stophack.api.bench.BenchResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a benchmark's figures and, when the system property {@code bench.result} names a file,
 * writes them there as a {@link BenchResult} for {@code stophack bench}. Created when the
 * benchmark starts, so that the load average at the start is the one before its own work.
 */
public final class BenchRecorder {
    public static final String RESULT_PROPERTY = "bench.result";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String benchmark;
    private final Instant started = Instant.now();
    private final double loadStart = loadAverage();
    private final List<BenchFigure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int warmUpRuns;

    public BenchRecorder(String benchmark) {
        this.benchmark = benchmark;
    }

    public BenchRecorder warmUpRuns(int runs) {
        this.warmUpRuns = runs;
        return this;
    }

    public BenchRecorder note(String note) {
        notes.add(note);
        return this;
    }

    /** A figure compared with a reference measured in the same JVM. */
    public BenchRecorder figure(String name, String unit, String stophack, List<Double> stophackRuns, String reference,
                                List<Double> referenceRuns, BenchGoal goal, String phase) {
        figures.add(new BenchFigure(name, unit, stophack, stophackRuns, reference, referenceRuns, goal, phase));
        return this;
    }

    /** A figure that stands alone (information, or a goal on stophack's own value). */
    public BenchRecorder figure(String name, String unit, String stophack, List<Double> stophackRuns, BenchGoal goal) {
        return figure(name, unit, stophack, stophackRuns, null, List.of(), goal, null);
    }

    public BenchResult result() {
        return new BenchResult(benchmark, started.toString(), Runtime.getRuntime().availableProcessors(), loadStart,
                loadAverage(), peakHeapMb(), warmUpRuns, figures, notes);
    }

    /** Writes the result when {@code bench.result} is set; returns the file, or null when it is not. */
    public Path writeIfAsked() throws IOException {
        String file = System.getProperty(RESULT_PROPERTY);
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        JSON.writeValue(path.toFile(), result());
        System.out.println("benchmark result written to " + path.toAbsolutePath());
        return path;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Sum of the heap pools' peaks since the JVM started or they were last reset: an upper bound of the true peak. */
    static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }
}
