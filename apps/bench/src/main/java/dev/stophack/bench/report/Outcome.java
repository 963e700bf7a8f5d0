package dev.stophack.bench.report;

import dev.stophack.api.bench.BenchResult;
import dev.stophack.bench.catalog.Benchmark;
import dev.stophack.bench.profile.JvmProfile;
import java.util.List;

/**
 * What one benchmark of a run gave: its result, or why there is none.
 *
 * @param benchmark the catalog entry
 * @param result    its figures; null when it failed
 * @param failure   why it has no result; null when it has one
 * @param log       where its output went
 * @param seconds   how long it took, the build included
 * @param profiles  one per JVM when it ran with {@code --profile}; empty otherwise
 */
public record Outcome(Benchmark benchmark, BenchResult result, String failure, String log, double seconds,
                      List<JvmProfile> profiles) {
    public Outcome {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    public List<FigureRow> rows() {
        return result == null ? List.of() : result.figures().stream().map(f -> FigureRow.of(benchmark.name(), f)).toList();
    }
}
