package dev.stophack.faults.parts;

import java.util.List;

/** How a {@code stophack} command becomes a process's command line. */
public interface Launcher {
    /** The command line that runs {@code stophack COMMAND ARGS...}. */
    List<String> command(String stophackCommand, List<String> args);
}
