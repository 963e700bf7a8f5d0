package dev.stophack.faults.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Through the {@code ./stophack} launcher, as the demo starts its parts: each command on its own
 * app's classpath, built first when stale. The launcher {@code exec}s the JVM, so the process
 * started is the part itself and a SIGKILL reaches it.
 */
public record ScriptLauncher(Path script) implements Launcher {
    @Override
    public List<String> command(String stophackCommand, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.add(stophackCommand);
        cmd.addAll(args);
        return cmd;
    }
}
