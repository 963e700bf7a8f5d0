package dev.stophack.bench.profile;

import java.util.List;

/**
 * Where one JVM of a benchmark spent its time, from its flight recording.
 *
 * @param name           its main class (the broker, S3, a surefire fork, Maven itself, ...)
 * @param file           the recording
 * @param seconds        how long it recorded
 * @param coresUsed      average cores the JVM kept busy (user + system), from {@code jdk.CPULoad}
 * @param machineCores   average cores the whole machine kept busy in the same time
 * @param gcSeconds      summed duration of its garbage collections
 * @param compileSeconds summed duration of its JIT compilations (on compiler threads)
 * @param samples        execution samples of Java code
 * @param topMethods     the methods most often on top of the samples, with their share of them
 */
public record JvmProfile(String name, String file, double seconds, double coresUsed, double machineCores, double gcSeconds,
                         double compileSeconds, long samples, List<Share> topMethods) {
    /** A method and its share of the samples, 0..1. */
    public record Share(String method, double share) {
    }
}
