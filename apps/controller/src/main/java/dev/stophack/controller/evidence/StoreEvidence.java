package dev.stophack.controller.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.models.CandidatePointer;
import dev.stophack.api.models.ShadowStats;
import dev.stophack.controller.decide.Probe;
import dev.stophack.controller.decide.ShadowTotals;
import dev.stophack.controller.decide.VersionEvidence;
import dev.stophack.models.ModelStore;
import dev.stophack.models.StoredVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The evidence the model store holds: each version's metrics and probe result, and shadow lines. */
public final class StoreEvidence {
    private StoreEvidence() {
    }

    public static List<VersionEvidence> versions(ModelStore store, EventKind kind) throws IOException {
        List<VersionEvidence> all = new ArrayList<>();
        for (StoredVersion v : store.versions(kind)) {
            all.add(of(v, v.complete() && store.saved(kind, v.version())));
        }
        return all;
    }

    static VersionEvidence of(StoredVersion v, boolean saved) {
        return new VersionEvidence(v.version(), v.complete(), saved, v.metric("f1"), v.metric("auc"), probe(v.metrics()));
    }

    /** The {@code probe} section training writes into metrics.json, if there is one. */
    static Optional<Probe> probe(JsonNode metrics) {
        JsonNode p = metrics == null ? null : metrics.get("probe");
        if (p == null || !p.isObject()) {
            return Optional.empty();
        }
        JsonNode failure = p.get("failure");
        return Optional.of(new Probe(p.path("passed").asBoolean(false), p.path("rows").asLong(0), p.path("scored").asLong(0),
                failure == null || failure.isNull() ? null : failure.asText()));
    }

    /** What the candidate's shadow scoring saw since its shadow period began. */
    public static ShadowTotals shadow(ModelStore store, EventKind kind, CandidatePointer candidate) throws IOException {
        long batches = 0;
        long scored = 0;
        long disagreed = 0;
        for (ShadowStats line : store.shadowStats(kind, candidate.version())) {
            if (line.at() != null && line.at().isBefore(candidate.since())) {
                continue; // an earlier shadow period of the same version
            }
            batches++;
            scored += line.scored();
            disagreed += line.disagreed();
        }
        return new ShadowTotals(batches, scored, disagreed);
    }
}
