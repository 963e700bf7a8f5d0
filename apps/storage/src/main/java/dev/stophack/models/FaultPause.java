package dev.stophack.models;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a rollout-decision writer stops when {@code stophack faults} asks it to, through the
 * environment variable {@code STOPHACK_FAULT_PAUSE}: {@code claimed} right after it won the
 * claim of decision N (before {@code g<N>.json}), {@code written} right after it wrote that
 * decision (before the ACTIVE, CANDIDATE and HISTORY views). There it says so on standard error
 * and waits to be killed: the kill lands between the two writes every time, not by luck.
 * Unset, which it always is outside the fault scenarios, it does nothing.
 */
enum FaultPause {
    CLAIMED, WRITTEN;

    static final String VARIABLE = "STOPHACK_FAULT_PAUSE";
    /** Long enough for any kill to land; a writer nobody kills goes on afterwards. */
    private static final long WAIT_MS = 10 * 60 * 1000L;
    private static final Optional<FaultPause> CHOSEN = parse(System.getenv(VARIABLE));

    /** The point named by {@code value}; empty for null or blank; an error naming the choices otherwise. */
    static Optional<FaultPause> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (FaultPause p : values()) {
            if (p.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(p);
            }
        }
        throw new IllegalArgumentException(VARIABLE + "=" + value + ": say claimed or written");
    }

    /** The line a paused writer prints, which the scenario waits for before its kill. */
    String line(String kind, long generation) {
        return "stophack: fault pause: " + kind + " decision " + generation + " " + name().toLowerCase(Locale.ROOT)
                + ", waiting to be killed";
    }

    /** Pauses here when this is the point {@code STOPHACK_FAULT_PAUSE} names. */
    void here(String kind, long generation) {
        if (CHOSEN.orElse(null) != this) {
            return;
        }
        System.err.println(line(kind, generation));
        System.err.flush();
        try {
            Thread.sleep(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
