package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.packaging.Repo;
import dev.stophack.packaging.model.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * k8s/stophack.yaml is the chart rendered with k8s/values.yaml (release and namespace "stophack"),
 * less the helm test pod; k8s/crds/ and the chart's crds/ hold the same files. To refresh the plain
 * install after a chart change: ./mvnw -pl apps/packaging -am verify -Dtest=PlainInstallTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstophack.regenerate=true
 */
class PlainInstallTest {
    static final Path PLAIN = Repo.ROOT.resolve("k8s/stophack.yaml");
    static final String HEADER = "# stophack plain-manifest install: helm/stophack rendered with k8s/values.yaml\n"
            + "# (release and namespace stophack). Generated: see k8s/README.md; do not edit by hand.\n";

    static String render() {
        String out = Chart.template(Repo.ROOT.resolve("k8s/values.yaml"));
        List<String> kept = new ArrayList<>();
        for (String doc : out.split("(?m)^---\\s*$")) {
            if (!doc.isBlank() && !doc.contains("helm.sh/hook: test")) {
                kept.add(doc.strip() + "\n");
            }
        }
        return HEADER + "---\n" + String.join("---\n", kept);
    }

    @Test
    void theManifestsEqualTheChartRendering() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("stophack.regenerate")) {
            Files.writeString(PLAIN, expected);
        }
        assertThat(Files.readString(PLAIN)).as("k8s/stophack.yaml is stale: regenerate it (see this test's doc)")
                .isEqualTo(expected);
        Checks.all(expected, Manifests.parse(expected));
    }

    @Test
    void theChartsCrdsAreACopyOfK8sCrds() throws IOException {
        Path k8s = Repo.ROOT.resolve("k8s/crds");
        Path chart = Repo.CHART.resolve("crds");
        Set<String> a = files(k8s);
        Set<String> b = files(chart);
        assertThat(b).as("files in helm/stophack/crds vs k8s/crds").isEqualTo(a);
        for (String f : a) {
            assertThat(Files.readString(chart.resolve(f))).as(f).isEqualTo(Files.readString(k8s.resolve(f)));
        }
    }

    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".gitkeep")).toList());
        }
    }
}
