package dev.stophack.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoPlanTest {
    private static final Set<String> ALL = Set.of("generate", "kafka", "s3", "train", "stream", "produce", "consume");

    @Test
    void startsServicesBeforeTheirUsersAndPointsEveryoneAtThem() {
        DemoPlan plan = new DemoPlan(Path.of("d"), 19092, 19000, 18080, true, ALL);
        assertThat(plan.parts()).extracting(Part::name).containsExactly(
                "generate", "kafka", "s3", "train", "stream", "produce-process", "produce-memory", "consume");
        assertThat(plan.missing()).isEmpty();
        Part kafka = plan.parts().get(1);
        assertThat(kafka.readyPort()).isEqualTo(19092);
        assertThat(kafka.args()).containsSubsequence("--data", Path.of("d", "kafka").toString());
        assertThat(plan.parts().get(0).oneShot()).isTrue();
        assertThat(plan.parts().get(3).oneShot()).isTrue();
        for (Part p : plan.parts().subList(4, 8)) {
            assertThat(p.oneShot()).isFalse();
            assertThat(String.join(" ", p.args())).contains("127.0.0.1:19092");
        }
        assertThat(plan.parts().get(5).args()).containsSubsequence("produce", "process", "--csv",
                Path.of("d", "demo", "streaming_linux_process.csv").toString());
        assertThat(plan.parts().get(5).args()).containsSubsequence("--http-port", "9461");
        assertThat(plan.parts().get(4).args()).containsSubsequence("--metrics-port", "9465");
        assertThat(plan.parts().get(6).args()).as("every part its own metrics port").containsSubsequence("--http-port", "9462");
        assertThat(plan.parts().get(7).readyPort()).isEqualTo(18080);
    }

    @Test
    void handsThePartsTheEmbeddedKeysThroughTheEnvironment() {
        assertThat(DemoPlan.environment())
                .containsEntry("AWS_ACCESS_KEY_ID", "stophack")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "stophack-secret")
                .as("a caller's session token would be sent with keys it does not belong to")
                .containsEntry("AWS_SESSION_TOKEN", null);
        DemoPlan plan = new DemoPlan(Path.of("d"), 9092, 9000, 8080, true, ALL);
        for (Part p : plan.parts()) {
            assertThat(p.args()).as("no keys on a command line").doesNotContain("stophack-secret", "--secret-key");
        }
    }

    @Test
    void leavesOutWhatTheCheckoutDoesNotHave() {
        DemoPlan plan = new DemoPlan(Path.of("d"), 9092, 9000, 8080, false, Set.of("generate", "kafka", "s3"));
        assertThat(plan.parts()).extracting(Part::name).containsExactly("generate", "kafka", "s3");
        assertThat(plan.missing()).containsExactly("stream", "produce-process", "produce-memory", "consume");
    }
}
