package dev.stophack.streaming.scoring;

import java.time.Instant;

/**
 * An ACTIVE pointer the job would not take, and why.
 *
 * @param version the version it named
 * @param uri     the model directory it named
 * @param at      when it was refused
 * @param why     the loading or validation error
 */
public record Refusal(int version, String uri, Instant at, String why) {
}
