package dev.stophack.packaging.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stophack.packaging.Repo;
import dev.stophack.packaging.chart.Chart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** shellcheck and a dry run of minikube.sh; yamllint on values.yaml and the rendered output (CI installs both). */
class ToolsTest {
    record Result(int code, String out) {
    }

    static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/local/bin", tool));
    }

    static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void minikubeScriptIsShellcheckClean() throws Exception {
        assumeTrue(installed("shellcheck"), "shellcheck is not installed (.ci/run installs it)");
        Result r = run(List.of("shellcheck", "minikube.sh"));
        assertThat(r.code()).as(r.out()).isZero();
    }

    @Test
    void dryRunPrintsEveryStepAndRunsNone() throws Exception {
        Result r = run(List.of("bash", "minikube.sh", "--dry-run"));
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("minikube  start").contains("strimzi/strimzi-kafka-operator  --version  0.51.0")
                .contains("spark-operator/spark-operator  --version  2.2.1")
                .contains("image  build  -t  stophack/streaming:0.1.0").contains("helm  upgrade  --install  stophack")
                .contains("kubectl  -n  stophack  wait  kafka/stophack-kafka").contains("sparkapplication/stophack-training")
                .contains("port-forward svc/stophack-consumer");
        Result down = run(List.of("bash", "minikube.sh", "--down", "--dry-run"));
        assertThat(down.code()).as(down.out()).isZero();
        assertThat(down.out()).contains("minikube  delete  -p  stophack");
        assertThat(run(List.of("bash", "minikube.sh", "--bogus")).code()).isEqualTo(2);
    }

    @Test
    void valuesAndRenderedOutputPassYamllint() throws Exception {
        assumeTrue(installed("yamllint"), "yamllint is not installed (.ci/run installs it)");
        String config = "{extends: default, rules: {line-length: {max: 160}, document-start: disable, truthy: {check-keys: false}}}";
        Result values = run(List.of("yamllint", "-s", "-d", config, "helm/stophack/values.yaml"));
        assertThat(values.code()).as(values.out()).isZero();
        Path out = Files.createTempFile("stophack-rendered", ".yaml");
        try {
            Files.writeString(out, Chart.template(Map.of()));
            Result rendered = run(List.of("yamllint", "-s", "-d",
                    "{extends: default, rules: {line-length: disable, document-start: disable, comments-indentation: disable,"
                            + " indentation: {indent-sequences: whatever}, truthy: {check-keys: false}}}", out.toString()));
            assertThat(rendered.code()).as(rendered.out()).isZero();
        } finally {
            Files.delete(out);
        }
    }
}
