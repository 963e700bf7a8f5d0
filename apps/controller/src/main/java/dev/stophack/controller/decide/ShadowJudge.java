package dev.stophack.controller.decide;

import dev.stophack.api.rollout.ShadowPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a shadow period: before it, wait; after it, promote when enough events were scored
 * by both versions and they disagree on no more than the bound, else reject.
 */
public final class ShadowJudge {
    private ShadowJudge() {
    }

    /** Empty while the period runs; the verdict once it is over. */
    public static Optional<Verdict> judge(ShadowTotals totals, Duration elapsed, ShadowPolicy policy) {
        Duration period = Durations.parse(policy.period);
        if (elapsed.compareTo(period) < 0) {
            return Optional.empty();
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("shadow_batches", (double) totals.batches());
        evidence.put("shadow_events", (double) totals.scored());
        evidence.put("disagreed", (double) totals.disagreed());
        evidence.put("disagreement", totals.disagreement());
        if (totals.scored() < policy.minEvents) {
            return Optional.of(Verdict.fail(String.format(Locale.ROOT,
                    "only %d events were scored in the shadow period of %s, %d needed", totals.scored(), policy.period,
                    policy.minEvents), evidence));
        }
        if (totals.disagreement() > policy.maxDisagreement) {
            return Optional.of(Verdict.fail(String.format(Locale.ROOT,
                    "disagreed with the active version on %.2f%% of %d events, more than %.2f%%",
                    100 * totals.disagreement(), totals.scored(), 100 * policy.maxDisagreement), evidence));
        }
        return Optional.of(Verdict.pass(String.format(Locale.ROOT,
                "shadow period over: disagreed on %.2f%% of %d events (at most %.2f%%)", 100 * totals.disagreement(),
                totals.scored(), 100 * policy.maxDisagreement), evidence));
    }
}
