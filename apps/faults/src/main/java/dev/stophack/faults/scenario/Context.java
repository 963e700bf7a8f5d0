package dev.stophack.faults.scenario;

import dev.stophack.faults.parts.Launcher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * What a scenario runs with.
 *
 * @param launcher        how parts are started
 * @param folder          the scenario's own data folder (Kafka, S3, logs, generated telemetry)
 * @param baselineModels  the model store seeded into S3 ({@code models/} of the repository)
 * @param scale           volumes and durations
 * @param random          chooses the kill points; seeded, so a run can be repeated
 * @param out             progress lines
 */
public record Context(Launcher launcher, Path folder, Path baselineModels, Scale scale, Random random, PrintStream out) {

    public void say(String scenario, String line) {
        out.println("faults: " + scenario + ": " + line);
    }
}
