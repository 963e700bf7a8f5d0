package dev.stophack.faults;

import dev.stophack.controller.laptop.RolloutCommand;
import dev.stophack.embedded.KafkaCommand;
import dev.stophack.embedded.S3Command;
import dev.stophack.faults.parts.Launcher;
import dev.stophack.streaming.StreamCommand;
import dev.stophack.testkit.ChildJvm;
import java.util.List;
import java.util.Map;

/**
 * The parts' main classes as JVMs of their own on the test's classpath: the same processes as
 * {@code ./stophack kafka|s3|stream} start, without building the launcher's jars inside a build.
 */
final class ClasspathLauncher implements Launcher {
    private static final Map<String, Class<?>> MAINS = Map.of(
            "kafka", KafkaCommand.class,
            "s3", S3Command.class,
            "stream", StreamCommand.class,
            "rollout", RolloutCommand.class);

    @Override
    public List<String> command(String stophackCommand, List<String> args) {
        Class<?> main = MAINS.get(stophackCommand);
        if (main == null) {
            throw new IllegalArgumentException("no main class for stophack " + stophackCommand);
        }
        return ChildJvm.of(main).command(args.toArray(String[]::new));
    }
}
