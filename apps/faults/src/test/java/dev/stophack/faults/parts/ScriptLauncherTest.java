package dev.stophack.faults.parts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM options a run gives its parts reach them through the launcher's STOPHACK_JAVA_OPTS. */
class ScriptLauncherTest {

    @Test
    void noOptionsLeaveTheEnvironmentAlone() {
        assertThat(new ScriptLauncher(Path.of("stophack")).environment()).isEmpty();
    }

    @Test
    void optionsGoAfterTheCallersOwn() {
        Map<String, String> env = new ScriptLauncher(Path.of("stophack")).withJavaOptions("-XX:TieredStopAtLevel=1")
                .environment();
        String own = System.getenv(ScriptLauncher.JAVA_OPTS);
        assertThat(env.get(ScriptLauncher.JAVA_OPTS))
                .isEqualTo(own == null || own.isBlank() ? "-XX:TieredStopAtLevel=1" : own + " -XX:TieredStopAtLevel=1");
    }

    @Test
    void aStartedPartSeesThem(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("stophack");
        Files.writeString(script, "#!/bin/sh\necho \"$1 with [$STOPHACK_JAVA_OPTS]\"\n");
        script.toFile().setExecutable(true);
        Launcher launcher = new ScriptLauncher(script).withJavaOptions("-Xshare:auto").withJavaOptions("-XX:TieredStopAtLevel=1");

        Child part = Child.start(launcher, "part", dir.resolve("logs/part.log"), Map.of(), "stream", List.of());
        part.awaitLines("stream with [", 1, Duration.ofSeconds(10));

        assertThat(Files.readString(part.log())).contains("-Xshare:auto -XX:TieredStopAtLevel=1]");
    }
}
