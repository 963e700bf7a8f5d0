package dev.stophack.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/crds/} is the build's output, committed: it must equal what fabric8's CRD generator
 * made from the resource classes in this build. After changing a spec or status class, run
 * {@code ./mvnw -pl apps/controller -am verify -Dstophack.crds.write=true} to copy the new ones
 * (the Helm chart's {@code crds/} is held equal to {@code k8s/crds/} by the chart's tests).
 */
class CrdFilesTest {

    @Test
    void committedCrdsAreTheGeneratedOnes() throws IOException {
        Path generated = RepositoryFiles.generatedCrds();
        Path committed = RepositoryFiles.committedCrds();
        List<String> names = names(generated);
        assertThat(names).as("the build generated the CRDs").containsExactly("modelrollouts.stophack.dev-v1.yml",
                "modelversions.stophack.dev-v1.yml");
        if (Boolean.getBoolean("stophack.crds.write")) {
            Files.createDirectories(committed);
            for (String name : names) {
                Files.copy(generated.resolve(name), committed.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(names(committed)).as("k8s/crds/ holds the same files").isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readString(committed.resolve(name)))
                    .as("k8s/crds/" + name + " differs from the generated one: never edit it by hand; regenerate with"
                            + " -Dstophack.crds.write=true")
                    .isEqualTo(Files.readString(generated.resolve(name)));
        }
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
        }
    }
}
