package dev.stophack.faults.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Through the {@code ./stophack} launcher, as the demo starts its parts: each command on its own
 * app's classpath, built first when stale. The launcher {@code exec}s the JVM, so the process
 * started is the part itself and a SIGKILL reaches it. {@code javaOptions} (may be empty) go to
 * every part through the launcher's {@code STOPHACK_JAVA_OPTS}, after the caller's own.
 */
public record ScriptLauncher(Path script, String javaOptions) implements Launcher {
    static final String JAVA_OPTS = "STOPHACK_JAVA_OPTS";

    public ScriptLauncher(Path script) {
        this(script, "");
    }

    @Override
    public List<String> command(String stophackCommand, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.add(stophackCommand);
        cmd.addAll(args);
        return cmd;
    }

    @Override
    public Map<String, String> environment() {
        if (javaOptions.isBlank()) {
            return Map.of();
        }
        String own = System.getenv(JAVA_OPTS);
        return Map.of(JAVA_OPTS, own == null || own.isBlank() ? javaOptions : own + " " + javaOptions);
    }

    @Override
    public Launcher withJavaOptions(String options) {
        return new ScriptLauncher(script, (javaOptions + " " + options).strip());
    }
}
