package dev.stophack.packaging.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JarIdentityTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "log4j-1.2-api-2.20.0.jar, log4j-1.2-api, 2.20.0, -",
        "zstd-jni-1.5.6-4.jar, zstd-jni, 1.5.6-4, -",
        "spark-sql-kafka-0-10_2.12-3.5.7.jar, spark-sql-kafka-0-10_2.12, 3.5.7, -",
        "netty-transport-native-epoll-4.1.96.Final-linux-x86_64.jar, netty-transport-native-epoll, 4.1.96.Final, linux-x86_64",
        "orc-core-1.9.7-shaded-protobuf.jar, orc-core, 1.9.7, shaded-protobuf",
        "json4s-ast_2.12-3.7.0-M11.jar, json4s-ast_2.12, 3.7.0, M11",
        "antlr4-runtime-4.9.3.jar, antlr4-runtime, 4.9.3, -",
        "stophack-common-0.1.0-SNAPSHOT.jar, stophack-common, 0.1.0, SNAPSHOT",
    })
    void fileNamesGiveArtifactVersionAndClassifier(String file, String artifact, String version, String classifier) {
        JarIdentity id = JarIdentity.fromFileName(file);
        assertThat(id.artifact()).isEqualTo(artifact);
        assertThat(id.version()).isEqualTo(version);
        assertThat(id.classifier()).isEqualTo(classifier);
    }

    @Test
    void librariesOfTheSameNameFromDifferentGroupsAreNotTheSame() {
        var aws = new JarIdentity("software.amazon.awssdk", "annotations", "2.25.70", null, "annotations-2.25.70.jar");
        var jetbrains = new JarIdentity("org.jetbrains", "annotations", "17.0.0", null, "annotations-17.0.0.jar");
        var unknown = JarIdentity.fromFileName("annotations-13.0.jar");
        assertThat(aws.sameLibrary(jetbrains)).isFalse();
        assertThat(unknown.sameLibrary(jetbrains)).isTrue();
        var choices = SparkImageJars.choose(List.of(aws, jetbrains), List.of(jetbrains));
        assertThat(choices).extracting(SparkImageJars.Choice::added).containsExactly(true, false);
    }

    @Test
    void nativeJarsDifferByClassifier() {
        var x86 = JarIdentity.fromFileName("netty-transport-native-epoll-4.1.96.Final-linux-x86_64.jar");
        var arm = JarIdentity.fromFileName("netty-transport-native-epoll-4.1.96.Final-linux-aarch_64.jar");
        var x86old = JarIdentity.fromFileName("netty-transport-native-epoll-4.1.87.Final-linux-x86_64.jar");
        assertThat(x86.sameLibrary(arm)).isFalse();
        assertThat(x86.sameLibrary(x86old)).isTrue();
    }
}
