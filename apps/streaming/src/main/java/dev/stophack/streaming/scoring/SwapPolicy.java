package dev.stophack.streaming.scoring;

import dev.stophack.api.models.ActivePointer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides, at each poll of a kind's ACTIVE (or CANDIDATE) pointer, whether to load the model it
 * names.
 *
 * <p>Nothing changes while the pointer names the model in use (or there is no pointer). A pointer
 * that was refused is tried again only after {@code retryRefused}, so a broken promotion is
 * logged and counted once per retry period instead of at every poll, yet a model that was
 * unreadable during an S3 outage is picked up once S3 is back.
 */
public final class SwapPolicy {
    public enum Action {
        /** Keep scoring with the current model. */
        KEEP,
        /** Load and validate the pointer's model; switch to it if that works. */
        LOAD,
        /** The pointer was refused recently: keep the current model, do not retry yet. */
        WAIT
    }

    private final Duration retryRefused;

    public SwapPolicy(Duration retryRefused) {
        this.retryRefused = retryRefused;
    }

    /**
     * @param current the model in use, or null
     * @param pointer the pointer just read, or null when there is none
     * @param refused the last refusal for this kind, or null
     */
    public Action decide(LoadedModel current, ActivePointer pointer, Refusal refused, Instant now) {
        return pointer == null ? Action.KEEP : decide(current, pointer.version(), pointer.uri(), refused, now);
    }

    /**
     * The same for a pointer read as its version and model directory (an ACTIVE or a CANDIDATE
     * pointer).
     */
    public Action decide(LoadedModel current, int version, String uri, Refusal refused, Instant now) {
        if (current != null && current.version() == version && Objects.equals(current.uri(), uri)) {
            return Action.KEEP;
        }
        if (refused != null && refused.version() == version && Objects.equals(refused.uri(), uri)
                && now.isBefore(refused.at().plus(retryRefused))) {
            return Action.WAIT;
        }
        return Action.LOAD;
    }
}
