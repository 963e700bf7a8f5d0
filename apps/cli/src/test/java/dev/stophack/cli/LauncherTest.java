package dev.stophack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./stophack launcher at the repository root, run as a user runs it. */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("../../stophack").toAbsolutePath().normalize();

    private record Result(int code, String out) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        Result help = run("--help");
        assertThat(help.code()).isZero();
        for (String command : List.of("demo", "generate", "kafka", "s3", "produce", "consume", "train", "models", "stream",
                "rollout", "controller", "query", "report", "bench")) {
            assertThat(help.out()).containsPattern("(?m)^  " + command + " ");
        }
    }

    /**
     * After a pom change that leaves the jar's content as it was (so maven-jar-plugin leaves the
     * jar and its time alone), one build, then none: the launcher's copy in a folder of its own,
     * with an mvnw that counts its builds and a java that only says it ran.
     */
    @Test
    void aBuildThatLeavesTheJarAsItWasIsNotRepeated(@TempDir Path root) throws Exception {
        Files.copy(LAUNCHER, root.resolve("stophack"));
        executable(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "$*" >> "$(dirname "$0")/builds"
                while [ $# -gt 0 ]; do [ "$1" = -pl ] && list=$2; shift; done
                IFS=, read -r -a modules <<<"$list"
                for m in "${modules[@]}"; do
                  mkdir -p "$(dirname "$0")/$m/target/lib"
                  jar="$(dirname "$0")/$m/target/stophack-${m#apps/}.jar"
                  [ -f "$jar" ] || echo jar > "$jar"   # an unchanged jar is left as it was
                done
                """);
        Path bin = Files.createDirectories(root.resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho ran\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (String module : List.of("cli", "api", "common")) {
            Files.createDirectories(root.resolve("apps/" + module + "/src"));
            Files.writeString(root.resolve("apps/" + module + "/pom.xml"), "<project/>");
            Files.writeString(root.resolve("apps/" + module + "/src/A.java"), "class A {}");
        }
        Path builds = root.resolve("builds");

        assertThat(fake(root, bin).out()).contains("building apps/cli", "ran");
        assertThat(fake(root, bin).out()).doesNotContain("building").contains("ran");
        assertThat(Files.readAllLines(builds)).hasSize(1);

        // built two minutes ago; the parent pom edited a minute ago, in a way that leaves the jar as it was
        long now = System.currentTimeMillis();
        for (Path built : List.of(root.resolve("apps/cli/target/stophack-cli.jar"), root.resolve("apps/cli/target/lib"),
                root.resolve("apps/cli/target/.stophack-built"))) {
            if (Files.exists(built)) {
                Files.setLastModifiedTime(built, java.nio.file.attribute.FileTime.fromMillis(now - 120_000));
            }
        }
        Files.setLastModifiedTime(root.resolve("pom.xml"), java.nio.file.attribute.FileTime.fromMillis(now - 60_000));
        assertThat(fake(root, bin).out()).contains("building apps/cli", "ran");
        assertThat(fake(root, bin).out()).as("nothing changed since that build").doesNotContain("building");
        assertThat(Files.readAllLines(builds)).hasSize(2);
    }

    /** {@code stophack generate} through the launcher copied under {@code root}, with {@code bin} first on the PATH. */
    private static Result fake(Path root, Path bin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("stophack").toString(), "generate").redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return new Result(p.exitValue(), out);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void anUnknownCommandIsOneLineAndExitCode2() throws Exception {
        Result r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().strip()).isEqualTo("stophack: unknown command 'frobnicate' (./stophack --help lists them)");
    }

    @Test
    void noCommandShowsUsageAndFails() throws Exception {
        Result r = run();
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("Usage: ./stophack COMMAND");
    }
}
