package dev.stophack.kafka;

import dev.stophack.config.KafkaConnection;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka refused this client: bad credentials (authentication) or missing ACLs (authorization).
 * Retrying cannot help, so an app stops with this one line instead of waiting and retrying
 * forever: who, where, and Kafka's reason. No cause is kept, so that nothing prints a stack trace.
 */
public final class AccessDenied extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private AccessDenied(String message) {
        super(message);
    }

    /** The refusal somewhere in {@code failure}'s causes, told for {@code kafka}; empty for any other failure. */
    public static Optional<AccessDenied> in(KafkaConnection kafka, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessDenied denied) {
                return Optional.of(denied);
            }
            if (t instanceof AuthenticationException) {
                return Optional.of(new AccessDenied("authentication failed for " + who(kafka) + " at " + kafka.describe()
                        + ": " + reason(t)));
            }
            if (t instanceof AuthorizationException) {
                return Optional.of(new AccessDenied(who(kafka) + " is not authorized at " + kafka.describe() + ": "
                        + reason(t)));
            }
        }
        return Optional.empty();
    }

    /** Throws the refusal in {@code failure}, if there is one; returns otherwise. */
    public static void rethrow(KafkaConnection kafka, Throwable failure) {
        Optional<AccessDenied> denied = in(kafka, failure);
        if (denied.isPresent()) {
            throw denied.get();
        }
    }

    private static String who(KafkaConnection kafka) {
        return SaslUser.of(kafka).map(u -> "user " + u).orElse(kafka.saslMechanism() == null ? "this client" : "the SASL login");
    }

    private static String reason(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
