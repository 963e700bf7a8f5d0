package dev.stophack.console;

import java.util.Optional;

/**
 * A part started by a supervisor ({@code stophack demo}, {@code stophack faults}) stops when that
 * supervisor is gone. Each part runs in a process group of its own, so that Ctrl-C reaches the
 * supervisor alone and it stops the parts in order; but a supervisor killed with SIGKILL stops
 * nothing, and its broker, S3 and jobs would keep the ports and the data folder. The supervisor
 * names itself in {@link #PARENT_PID}; the part then exits, through its shutdown hooks, as on SIGTERM.
 */
public final class ParentWatch {
    /** The pid of the process whose end ends this one; unset for a part started by a person. */
    public static final String PARENT_PID = "STOPHACK_PARENT_PID";

    private ParentWatch() {
    }

    /** The variable a supervisor hands its parts: its own pid. */
    public static String thisProcess() {
        return String.valueOf(ProcessHandle.current().pid());
    }

    /** When {@link #PARENT_PID} names a process, exits once it ends (at once if it already has). */
    static void start(String command) {
        Optional<Long> pid = parse(System.getenv(PARENT_PID));
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid.get());
        if (parent.isEmpty() || !parent.get().isAlive()) {
            gone(command, pid.get());
            return;
        }
        parent.get().onExit().thenRun(() -> gone(command, pid.get()));
    }

    private static void gone(String command, long pid) {
        System.err.println(command + ": the process that started it (pid " + pid + ") is gone: stopping");
        System.exit(1);
    }

    static Optional<Long> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(value.strip());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // not ours to refuse: a part must not fail for a stray variable
        }
    }
}
