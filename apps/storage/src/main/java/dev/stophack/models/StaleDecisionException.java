package dev.stophack.models;

import dev.stophack.api.events.EventKind;
import java.io.IOException;

/**
 * A decision was made on a state that is no longer current: another writer (a second
 * controller, a {@code stophack models activate}) wrote a decision first. Nothing was written;
 * read the state again and decide again.
 */
public final class StaleDecisionException extends IOException {
    private static final long serialVersionUID = 1L;

    public StaleDecisionException(EventKind kind, long expected, long found) {
        super("the " + kind + " model pointers changed while deciding (decision " + expected + " was read, "
                + found + " is the newest): nothing was written; read the state and decide again");
    }
}
