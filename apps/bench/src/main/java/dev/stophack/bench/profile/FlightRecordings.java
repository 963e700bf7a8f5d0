package dev.stophack.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the flight recordings a profiled benchmark left (one per JVM: Maven, the test fork, the
 * broker, S3, a job process) into one {@link JvmProfile} each, busiest first: the answer to
 * "where did the cores go" before any change is guessed.
 */
public final class FlightRecordings {
    private static final int TOP = 8;

    private FlightRecordings() {
    }

    /** The JVM option that makes every JVM started under it record into {@code dir}, one file per JVM. */
    public static String option(Path dir) {
        return "-XX:StartFlightRecording=settings=profile,filename=" + dir.toAbsolutePath() + "/";
    }

    public static List<JvmProfile> read(Path dir) throws IOException {
        List<JvmProfile> profiles = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return profiles;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jfr")).sorted().toList()) {
                profiles.add(read(f, Runtime.getRuntime().availableProcessors()));
            }
        }
        profiles.sort(Comparator.comparingDouble(JvmProfile::coresUsed).reversed());
        return profiles;
    }

    static JvmProfile read(Path file, int cores) throws IOException {
        String name = file.getFileName().toString();
        Instant first = null;
        Instant last = null;
        double jvmLoad = 0;
        double machineLoad = 0;
        long loads = 0;
        Duration gc = Duration.ZERO;
        Duration compile = Duration.ZERO;
        long samples = 0;
        Map<String, Long> tops = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
                switch (e.getEventType().getName()) {
                    case "jdk.JVMInformation" -> name = mainClass(e.getString("javaArguments"), name);
                    case "jdk.CPULoad" -> {
                        jvmLoad += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        machineLoad += e.getFloat("machineTotal");
                        loads++;
                    }
                    case "jdk.GarbageCollection" -> gc = gc.plus(e.getDuration());
                    case "jdk.Compilation" -> compile = compile.plus(e.getDuration());
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        tops.merge(topFrame(e.getStackTrace()), 1L, Long::sum);
                    }
                    default -> {
                    }
                }
            }
        }
        long total = samples;
        List<JvmProfile.Share> top = tops.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP).map(t -> new JvmProfile.Share(t.getKey(), (double) t.getValue() / total)).toList();
        double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1e3;
        return new JvmProfile(name, file.toString(), seconds, loads == 0 ? 0 : cores * jvmLoad / loads,
                loads == 0 ? 0 : cores * machineLoad / loads, gc.toMillis() / 1e3, compile.toMillis() / 1e3, samples, top);
    }

    /** The main class (or jar) of a JVM's Java arguments, without its own arguments. */
    static String mainClass(String javaArguments, String fallback) {
        if (javaArguments == null || javaArguments.isBlank()) {
            return fallback;
        }
        String main = javaArguments.strip().split("\\s+")[0];
        int slash = main.lastIndexOf('/');
        return slash >= 0 ? main.substring(slash + 1) : main;
    }

    private static String topFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        RecordedFrame f = stack.getFrames().get(0);
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
