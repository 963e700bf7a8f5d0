package dev.stophack.controller.decide;

import dev.stophack.api.rollout.RollbackPolicy;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The automatic rollback rule: after a promotion, the potential-attack rate (attacks per window,
 * over all machines) of the newest {@code minWindows} windows that began after it, against the
 * rate of the last {@code minWindows} windows that ended before it. It fires when the rate after
 * is above {@code rateFactor} times the rate before. A quiet baseline counts as at least one
 * attack per window, so that a handful of attacks after a silent hour is not a regression.
 * Without {@code minWindows} windows on both sides it does not judge.
 */
public final class RollbackRule {
    /** The least rate a baseline counts as, in attacks per window. */
    static final double BASELINE_FLOOR = 1.0;

    private RollbackRule() {
    }

    /** A verdict that passed means "roll back"; empty when there is not enough evidence yet. */
    public static Optional<Verdict> evaluate(List<RateWindow> windows, Instant promotedAt, RollbackPolicy policy) {
        List<RateWindow> before = windows.stream().filter(w -> !w.end().isAfter(promotedAt))
                .sorted(Comparator.comparing(RateWindow::start).reversed()).limit(policy.minWindows).toList();
        List<RateWindow> after = windows.stream().filter(w -> !w.start().isBefore(promotedAt))
                .sorted(Comparator.comparing(RateWindow::start).reversed()).limit(policy.minWindows).toList();
        if (before.size() < policy.minWindows || after.size() < policy.minWindows) {
            return Optional.empty();
        }
        double rateBefore = before.stream().mapToLong(RateWindow::count).average().orElse(0);
        double rateAfter = after.stream().mapToLong(RateWindow::count).average().orElse(0);
        double baseline = Math.max(rateBefore, BASELINE_FLOOR);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("rate_before", rateBefore);
        evidence.put("rate_after", rateAfter);
        evidence.put("windows", (double) policy.minWindows);
        evidence.put("rate_factor", policy.rateFactor);
        boolean fires = rateAfter > policy.rateFactor * baseline;
        String reason = String.format(Locale.ROOT,
                "potential attacks per window: %.1f over the %d windows after the promotion, %.1f over the %d before (limit %.1fx)",
                rateAfter, policy.minWindows, rateBefore, policy.minWindows, policy.rateFactor);
        return Optional.of(fires ? Verdict.pass(reason, evidence) : Verdict.fail(reason, evidence));
    }
}
