package dev.stophack.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a part in a session, and so a process group, of its own. A terminal sends Ctrl-C's
 * SIGINT to its whole foreground process group: children in the demo's group would die with it
 * (exit 130) while the demo itself is stopping them in order, and be reported as dead. In their
 * own group only the demo gets the signal, and its shutdown stops them one by one.
 * {@code setsid} (util-linux, as {@code flock} the launcher uses) does not fork here: a child of
 * the JVM is never a group leader, so it calls setsid() and execs, and the pid the demo holds
 * stays the part's.
 */
final class OwnSession {
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private OwnSession() {
    }

    /** {@code command} run through setsid; as it is where there is no setsid (the part then shares the demo's group). */
    static List<String> wrap(List<String> command) {
        for (Path setsid : SETSID) {
            if (Files.isExecutable(setsid)) {
                List<String> wrapped = new ArrayList<>(command.size() + 1);
                wrapped.add(setsid.toString());
                wrapped.addAll(command);
                return wrapped;
            }
        }
        return command;
    }
}
