package dev.stophack.bench.catalog;

import java.util.List;
import java.util.Map;

/**
 * One benchmark as {@code stophack bench} runs it: a test class of a module, run through the
 * Maven wrapper with the module's {@code bench} profile, and the system properties that size it.
 *
 * @param name      what {@code --only} calls it
 * @param module    the module directory ({@code apps/streaming})
 * @param testClass the benchmark's class, as {@code -Dtest} takes it
 * @param summary   one line for {@code --list}
 * @param method    how it measures, for its section of BENCHMARKS.md
 * @param full      system properties of the full run
 * @param quick     system properties of {@code --quick}
 * @param quickNote what {@code --quick} changes, said on the page
 */
public record Benchmark(String name, String module, String testClass, String summary, String method,
                        Map<String, String> full, Map<String, String> quick, String quickNote) {
    public Benchmark {
        full = Map.copyOf(full);
        quick = Map.copyOf(quick);
    }

    public Map<String, String> properties(boolean quickRun) {
        return quickRun ? quick : full;
    }

    /** Names in a stable order, for messages. */
    public static List<String> names(List<Benchmark> benchmarks) {
        return benchmarks.stream().map(Benchmark::name).toList();
    }
}
