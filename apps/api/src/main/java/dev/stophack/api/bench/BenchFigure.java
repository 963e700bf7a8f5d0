package dev.stophack.api.bench;

import java.util.List;

/**
 * One figure of a benchmark: stophack's measured runs beside the reference's runs of the same
 * JVM, the ratio being the median of the first over the median of the second.
 *
 * @param name          what is measured ("streaming ingest, steady state")
 * @param unit          of the runs' values ("events/s", "s")
 * @param stophack      what stophack's side is ("stophack stream --once")
 * @param stophackRuns  its measured runs, in the unit
 * @param reference     what it is compared with ("bare consume + Jackson loop"); null when the
 *                      figure stands alone
 * @param referenceRuns the reference's measured runs; empty when there is none
 * @param goal          the figure's goal; null when the figure is information only
 * @param phase         "cold" (first batch included), "steady" (after the first batches) or null
 */
public record BenchFigure(String name, String unit, String stophack, List<Double> stophackRuns, String reference,
                          List<Double> referenceRuns, BenchGoal goal, String phase) {
    public BenchFigure {
        stophackRuns = List.copyOf(stophackRuns);
        referenceRuns = referenceRuns == null ? List.of() : List.copyOf(referenceRuns);
    }
}
