package dev.stophack.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightRecordingsTest {
    @TempDir
    Path dir;

    private static long sink;

    @Test
    void theMainClassIsTheFirstJavaArgument() {
        assertThat(FlightRecordings.mainClass("dev.stophack.embedded.KafkaCommand --port 1 --data x", "f.jfr"))
                .isEqualTo("dev.stophack.embedded.KafkaCommand");
        assertThat(FlightRecordings.mainClass("/tmp/surefire1/surefirebooter-1.jar /tmp/surefire1 x", "f.jfr"))
                .isEqualTo("surefirebooter-1.jar");
        assertThat(FlightRecordings.mainClass(" ", "f.jfr")).isEqualTo("f.jfr");
    }

    @Test
    void aRecordingSaysWhichMethodKeptTheCpuBusy() throws Exception {
        JvmProfile profile = null;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
            recording.enable("jdk.JVMInformation");
            recording.start();
            // spin until the sampler has caught this thread in the loop a few times (a busy machine may take longer)
            for (int attempt = 0; attempt < 200 && (profile == null || profile.samples() < 5); attempt++) {
                spin();
                Path file = dir.resolve("attempt-" + attempt + ".jfr");
                recording.dump(file);
                profile = FlightRecordings.read(file, 2);
                Files.delete(file);
            }
        }
        assertThat(profile.samples()).isGreaterThanOrEqualTo(5);
        assertThat(profile.topMethods()).extracting(JvmProfile.Share::method)
                .contains(FlightRecordingsTest.class.getName() + ".spin");
        assertThat(profile.topMethods().stream().mapToDouble(JvmProfile.Share::share).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
    }

    @Test
    void aFolderWithoutRecordingsHasNoProfiles() throws Exception {
        assertThat(FlightRecordings.read(dir)).isEmpty();
        assertThat(FlightRecordings.read(dir.resolve("missing"))).isEqualTo(List.of());
    }

    private static void spin() {
        long x = sink;
        for (int i = 0; i < 20_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }
}
