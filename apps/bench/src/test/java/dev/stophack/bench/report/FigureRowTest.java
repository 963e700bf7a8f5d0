package dev.stophack.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stophack.api.bench.BenchFigure;
import dev.stophack.api.bench.BenchGoal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureRowTest {
    private static BenchFigure figure(List<Double> ours, List<Double> reference, BenchGoal goal) {
        return new BenchFigure("ingest", "events/s", "job", ours, reference.isEmpty() ? null : "bare loop", reference, goal,
                null);
    }

    @Test
    void theRatioIsOfTheMediansAndItsRangeOfTheRunsInTurn() {
        FigureRow row = FigureRow.of("streaming", figure(List.of(50.0, 60.0, 40.0), List.of(100.0, 100.0, 200.0),
                BenchGoal.ratioAtLeast(0.5)));
        assertThat(row.ratio()).isCloseTo(0.5, within(1e-9)); // 50 / 100
        assertThat(row.ratioLow()).isCloseTo(0.2, within(1e-9)); // 40 / 200
        assertThat(row.ratioHigh()).isCloseTo(0.6, within(1e-9)); // 60 / 100
        assertThat(row.met()).isTrue();
    }

    @Test
    void aRatioBelowItsGoalIsMissed() {
        assertThat(FigureRow.of("b", figure(List.of(49.0), List.of(100.0), BenchGoal.ratioAtLeast(0.5))).met()).isFalse();
    }

    @Test
    void anAtMostGoalOnTimeIsMetAtOrBelowIt() {
        assertThat(FigureRow.of("b", figure(List.of(30.0), List.of(30.0), BenchGoal.ratioAtMost(1.0))).met()).isTrue();
        assertThat(FigureRow.of("b", figure(List.of(31.0), List.of(30.0), BenchGoal.ratioAtMost(1.0))).met()).isFalse();
        assertThat(FigureRow.of("b", figure(List.of(14.0, 20.0, 10.0), List.of(), BenchGoal.atMost(15))).met()).isTrue();
    }

    @Test
    void withoutAGoalOrAReferenceThereIsNothingToJudge() {
        FigureRow alone = FigureRow.of("b", figure(List.of(3.0), List.of(), null));
        assertThat(alone.ratio()).isNull();
        assertThat(alone.met()).isNull();
        assertThat(FigureRow.of("b", figure(List.of(3.0), List.of(), BenchGoal.ratioAtLeast(1))).met())
                .as("a ratio goal without a reference cannot be judged").isNull();
    }

    @Test
    void runsOfDifferentCountsGiveNoRunByRunRange() {
        FigureRow row = FigureRow.of("b", figure(List.of(1.0, 2.0), List.of(2.0), null));
        assertThat(row.ratio()).isCloseTo(0.75, within(1e-9));
        assertThat(row.ratioLow()).isNull();
    }
}
