package dev.stophack.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoPlanTest {
    private static final Set<String> ALL = Set.of("generate", "kafka", "s3", "train", "stream", "produce", "consume",
            "rollout");

    @Test
    void startsServicesBeforeTheirUsersAndPointsEveryoneAtThem() {
        DemoPlan plan = new DemoPlan(Path.of("d"), 19092, 19000, 18080, true, ALL);
        assertThat(plan.parts()).extracting(Part::name).containsExactly(
                "generate", "kafka", "s3", "train", "stream", "produce-process", "produce-memory", "consume", "rollout");
        assertThat(plan.missing()).isEmpty();
        Part kafka = plan.parts().get(1);
        assertThat(kafka.readyPort()).isEqualTo(19092);
        assertThat(kafka.args()).containsSubsequence("--data", Path.of("d", "kafka").toString());
        assertThat(plan.parts().get(0).oneShot()).isTrue();
        assertThat(plan.parts().get(3).oneShot()).isTrue();
        for (Part p : plan.parts().subList(4, 9)) {
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
        assertThat(plan.missing()).containsExactly("stream", "produce-process", "produce-memory", "consume", "rollout");
        assertThat(plan.retrain()).isNull();
    }

    @Test
    void everyPortIsTheCallersSoThatASecondDemoOrATestCanRunBesideTheFirst() {
        Ports ports = new Ports(20001, 20002, 20003, 20004, 20005, 20006, 0);
        DemoPlan plan = new DemoPlan(Path.of("d"), ports, Pace.FAST, true, ALL);
        String all = plan.parts().stream().map(p -> String.join(" ", p.args())).reduce("", (a, b) -> a + "\n" + b);
        assertThat(all).doesNotContain("9092", "9000", "8080", "9461", "9462", "9465", "4040");
        Part stream = plan.parts().get(4);
        assertThat(stream.args()).containsSubsequence("--metrics-port", "20006", "--ui-port", "0", "--trigger", "2s");
        assertThat(plan.parts().get(5).args()).containsSubsequence("--http-port", "20004", "--interval", "1s");
        assertThat(plan.parts().get(6).args()).containsSubsequence("--http-port", "20005", "--interval", "2s");
        assertThat(plan.parts().get(8).args()).containsExactly("rollout", "--s3-endpoint", "http://127.0.0.1:20002",
                "--models", "s3a://stophack/models", "watch", "--bootstrap", "127.0.0.1:20001", "--interval", "3s");
        assertThat(plan.retrain().oneShot()).isTrue();
        assertThat(plan.retrain().args()).containsExactly("train", "--data", Path.of("d", "demo").toString(),
                "--s3-endpoint", "http://127.0.0.1:20002");
    }

    @Test
    void theWebLogIsGeneratedOnceAndReplayedInTheBackgroundWithoutAPortOfItsOwn() {
        Ports ports = new Ports(20001, 20002, 20003, 20004, 20005, 20006, 0);
        DemoPlan plan = new DemoPlan(Path.of("d"), ports, Pace.FAST, true, true, ALL);
        DemoPlan.WebLog web = plan.webLog();
        assertThat(plan.parts()).extracting(Part::name).doesNotContain("generate-weblog", "produce-weblog");
        assertThat(web.generate().oneShot()).isTrue();
        assertThat(web.generate().args()).containsSubsequence("generate", "--weblogs", "--out", Path.of("d", "demo").toString())
                .containsSubsequence("--weblog-hours", "1", "--weblog-lines", "100000");
        assertThat(web.log()).isEqualTo(Path.of("d", "demo", "weblog.log"));
        assertThat(web.replay().oneShot()).as("it ends at the log's end").isTrue();
        assertThat(web.replay().args()).containsExactly("produce", "weblog", "--log", web.log().toString(),
                "--bootstrap", "127.0.0.1:20001", "--speed", "30", "--http-port", "0");
        assertThat(new DemoPlan(Path.of("d"), ports, Pace.NORMAL, true, true, ALL).webLog().replay().args())
                .containsSubsequence("--speed", "10");
        assertThat(web.replayed().getParent()).isEqualTo(Path.of("d", "demo"));

        assertThat(new DemoPlan(Path.of("d"), ports, Pace.FAST, true, false, ALL).webLog()).as("--no-weblog").isNull();
        assertThat(new DemoPlan(Path.of("d"), ports, Pace.FAST, true, true, Set.of("generate", "kafka", "s3")).webLog())
                .as("no producer in this checkout").isNull();
    }
}
