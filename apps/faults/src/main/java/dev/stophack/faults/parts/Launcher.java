package dev.stophack.faults.parts;

import java.util.List;
import java.util.Map;

/** How a {@code stophack} command becomes a process's command line. */
public interface Launcher {
    /** The command line that runs {@code stophack COMMAND ARGS...}. */
    List<String> command(String stophackCommand, List<String> args);

    /** What the parts' environment gets besides their own variables. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** This launcher with {@code options} added to every part's JVM, where it can add them. */
    default Launcher withJavaOptions(String options) {
        return this;
    }
}
