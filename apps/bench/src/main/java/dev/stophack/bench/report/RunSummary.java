package dev.stophack.bench.report;

import dev.stophack.bench.machine.MachineInfo;
import java.time.Instant;
import java.util.List;

/**
 * A whole {@code stophack bench} run: where, when, how loaded, and each benchmark's outcome.
 *
 * @param machine   the machine
 * @param started   when the run started
 * @param quick     a {@code --quick} run
 * @param loadStart load average before the first benchmark
 * @param loadEnd   load average after the last
 * @param outcomes  one per benchmark, in the order run
 */
public record RunSummary(MachineInfo machine, Instant started, boolean quick, double loadStart, double loadEnd,
                         List<Outcome> outcomes) {
    public RunSummary {
        outcomes = List.copyOf(outcomes);
    }

    /** The machine had more runnable work than cores before the run started. */
    public boolean busy() {
        return machine.busy(loadStart);
    }

    public List<FigureRow> rows() {
        return outcomes.stream().flatMap(o -> o.rows().stream()).toList();
    }
}
