package dev.stophack.api.models;

import java.time.Instant;

/**
 * The content of {@code models/<kind>/CANDIDATE}: a version the streaming job scores beside the
 * active one, without letting it change any output, to measure how often the two disagree.
 *
 * @param version the version number N of {@code v<N>}
 * @param uri     the PipelineModel directory, derived from the version by the registry
 * @param since   when the shadow period began
 * @param reason  why it is in shadow
 */
public record CandidatePointer(int version, String uri, Instant since, String reason) {
}
