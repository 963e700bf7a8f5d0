package dev.stophack.controller.decide;

/**
 * What training saw when it scored the probe set with a saved model: rows with blanks, NaN,
 * unseen categories and extreme values, each of which must get a score. A model whose pipeline
 * fails or drops rows on them would fail or silently lose events in the streaming job.
 *
 * @param passed  every row scored
 * @param rows    rows in the probe set
 * @param scored  rows that got a prediction
 * @param failure what went wrong, when it did
 */
public record Probe(boolean passed, long rows, long scored, String failure) {
}
