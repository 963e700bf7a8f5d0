package dev.stophack.bench.run;

import dev.stophack.bench.catalog.Benchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wrapper command that runs one benchmark: its module with the modules it needs ({@code -am},
 * so nothing has to be installed), the {@code bench} profile, only its class, offline, and the
 * file its result goes to. The module's own profile gives its JVM options, as a developer running
 * the benchmark by hand gets them.
 */
public final class MavenInvocation {
    private MavenInvocation() {
    }

    public static List<String> command(Path root, Benchmark benchmark, boolean quick, Path result) {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-o", "-q", "-B",
                "-f", root.resolve("pom.xml").toString(), "-pl", benchmark.module(), "-am", "-Pbench", "test",
                "-Dtest=" + benchmark.testClass(), "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dbench.result=" + result.toAbsolutePath()));
        // sorted, so that the command printed for a run reads the same each time
        for (Map.Entry<String, String> p : new TreeMap<>(benchmark.properties(quick)).entrySet()) {
            command.add("-D" + p.getKey() + "=" + p.getValue());
        }
        return command;
    }

    /** The command as a person would type it, for the page and the console. */
    public static String display(Benchmark benchmark, boolean quick) {
        StringBuilder text = new StringBuilder("./mvnw -o -q -B -pl " + benchmark.module() + " -am -Pbench test -Dtest="
                + benchmark.testClass() + " -Dsurefire.failIfNoSpecifiedTests=false");
        for (Map.Entry<String, String> p : new TreeMap<>(benchmark.properties(quick)).entrySet()) {
            String value = p.getValue();
            text.append(" -D").append(p.getKey()).append('=')
                    .append(value.contains(" ") ? "\"" + value + "\"" : value);
        }
        return text.toString();
    }
}
