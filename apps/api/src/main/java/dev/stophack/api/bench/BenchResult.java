package dev.stophack.api.bench;

import java.util.List;

/**
 * What one benchmark JVM measured, written as JSON to the file named by the system property
 * {@code bench.result} for {@code stophack bench}, which runs the benchmarks one after another and
 * aggregates them into BENCHMARKS.md. The benchmark's own printed figures stay as they are.
 *
 * @param benchmark  the name {@code stophack bench --only} knows it by
 * @param started    when the benchmark started (ISO-8601 instant)
 * @param cores      available processors of the benchmark JVM
 * @param loadStart  the system's one-minute load average when the benchmark started
 * @param loadEnd    the same when it wrote this result
 * @param peakHeapMb peak heap used by the benchmark JVM (sum of the heap pools' peaks)
 * @param warmUpRuns unmeasured runs before the measured ones
 * @param figures    the figures, each with its measured runs
 * @param notes      what a reader needs to judge the figures (topology, sizes, what was left out)
 */
public record BenchResult(String benchmark, String started, int cores, double loadStart, double loadEnd, long peakHeapMb,
                          int warmUpRuns, List<BenchFigure> figures, List<String> notes) {
    public BenchResult {
        figures = List.copyOf(figures);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
