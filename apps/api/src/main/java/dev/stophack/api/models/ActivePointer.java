package dev.stophack.api.models;

import java.time.Instant;

/**
 * The content of {@code models/<kind>/ACTIVE}: which version the streaming job scores with.
 *
 * @param version    the version number N of {@code v<N>}
 * @param uri        the PipelineModel directory, as Spark loads it; derived from the version by
 *                   the registry, never taken from a caller
 * @param promotedAt when it was made active
 * @param reason     why (first training, a person's command, the rollout controller's decision)
 */
public record ActivePointer(int version, String uri, Instant promotedAt, String reason) {
}
