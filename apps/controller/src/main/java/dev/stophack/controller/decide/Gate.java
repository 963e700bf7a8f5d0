package dev.stophack.controller.decide;

import dev.stophack.api.rollout.RolloutPolicy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gate a new version passes before it scores anything: it must be usable, must have scored
 * the whole probe set, must reach the policy's minimum F1 and AUC, and must not fall further
 * below the active version than the allowed regression. The first rule that fails is the reason.
 */
public final class Gate {
    private Gate() {
    }

    public static Verdict check(VersionEvidence candidate, Optional<VersionEvidence> active, RolloutPolicy policy) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("f1", candidate.f1());
        evidence.put("auc", candidate.auc());
        active.ifPresent(a -> {
            evidence.put("active_f1", a.f1());
            evidence.put("active_auc", a.auc());
        });
        if (!candidate.usable()) {
            return Verdict.fail("v" + candidate.version() + " is not usable: no metrics.json or no saved model", evidence);
        }
        Optional<Probe> probe = candidate.probe();
        if (probe.isEmpty()) {
            return Verdict.fail("v" + candidate.version() + " has no probe result: it was not scored on blanks, NaN,"
                    + " unseen categories and extreme values (train it with this version of stophack)", evidence);
        }
        evidence.put("probe_rows", (double) probe.get().rows());
        evidence.put("probe_scored", (double) probe.get().scored());
        if (!probe.get().passed() || probe.get().scored() != probe.get().rows()) {
            return Verdict.fail("v" + candidate.version() + " failed the probe: scored " + probe.get().scored() + " of "
                    + probe.get().rows() + " rows" + (probe.get().failure() == null ? "" : " (" + probe.get().failure() + ")"),
                    evidence);
        }
        if (Double.isNaN(candidate.f1()) || Double.isNaN(candidate.auc())) {
            return Verdict.fail("v" + candidate.version() + " has no F1 or AUC in its metrics", evidence);
        }
        if (candidate.f1() < policy.minF1) {
            return Verdict.fail(String.format(Locale.ROOT, "F1 %.4f is below the minimum %.4f", candidate.f1(), policy.minF1),
                    evidence);
        }
        if (candidate.auc() < policy.minAuc) {
            return Verdict.fail(String.format(Locale.ROOT, "AUC %.4f is below the minimum %.4f", candidate.auc(), policy.minAuc),
                    evidence);
        }
        if (active.isPresent()) {
            VersionEvidence a = active.get();
            if (!Double.isNaN(a.f1()) && candidate.f1() < a.f1() - policy.maxRegression) {
                return Verdict.fail(String.format(Locale.ROOT, "F1 %.4f regresses more than %.4f from the active v%d's %.4f",
                        candidate.f1(), policy.maxRegression, a.version(), a.f1()), evidence);
            }
            if (!Double.isNaN(a.auc()) && candidate.auc() < a.auc() - policy.maxRegression) {
                return Verdict.fail(String.format(Locale.ROOT, "AUC %.4f regresses more than %.4f from the active v%d's %.4f",
                        candidate.auc(), policy.maxRegression, a.version(), a.auc()), evidence);
            }
        }
        return Verdict.pass(String.format(Locale.ROOT, "gate passed: F1 %.4f, AUC %.4f, probe %d/%d rows",
                candidate.f1(), candidate.auc(), probe.get().scored(), probe.get().rows()), evidence);
    }
}
