package dev.stophack.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.testkit.ChildJvm;
import dev.stophack.testkit.TestSecrets;
import dev.stophack.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code stophack train} and {@code models} as processes, as in a pod, against an S3 with keys of
 * its own: no key shows in their help, output or report; without keys they use the AWS default
 * chain (a profile file here: no test may ask an instance-metadata endpoint), and with nothing at
 * all they fail at once naming the variables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialsTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().s3().s3Keys(TestSecrets.ACCESS_KEY, TestSecrets.SECRET_KEY).build();

    @TempDir
    static Path tmp;

    /** No AWS variable of the test's own environment, and a home directory with nothing in it. */
    private static ChildJvm bare(Class<?> main, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String v : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CREDENTIAL_PROFILES_FILE",
                "AWS_CONFIG_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            env.put(v, null);
        }
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("STOPHACK_S3_ENDPOINT", SERVICES.s3Endpoint());
        return ChildJvm.of(main).env(env).jvmOption("-Duser.home=" + home);
    }

    @Test
    @Order(1)
    void noKeyInHelp() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"list", "--help"}, new String[] {"activate", "--help"})) {
            ChildJvm.Result r = bare(ModelsCommand.class, tmp).env(TestSecrets.s3Environment()).run(Duration.ofMinutes(1), args);
            assertThat(r.code()).isZero();
            TestSecrets.assertNoneIn("models " + String.join(" ", args), r.output());
        }
        ChildJvm.Result train = bare(TrainCommand.class, tmp).env(TestSecrets.s3Environment()).run(Duration.ofMinutes(1), "--help");
        assertThat(train.code()).isZero();
        assertThat(train.output()).contains("--secret-key");
        TestSecrets.assertNoneIn("train --help", train.output());
    }

    @Test
    @Order(2)
    void noKeyInATrainingRunItsOutputOrItsReport() throws Exception {
        Path data = TestData.generate(tmp.resolve("data"), 1500, 7);
        // keys given as flags too: the report records the command line
        ChildJvm.Result r = bare(TrainCommand.class, tmp).env(TestSecrets.s3Environment()).run(Duration.ofMinutes(5),
                "--data", data.toString(), "--models", SERVICES.s3a("models"), "--kinds", "process", "--algorithm", "dt",
                "--access-key", TestSecrets.ACCESS_KEY, "--secret-key", TestSecrets.SECRET_KEY);
        assertThat(r.code()).as(r.output()).isZero();
        TestSecrets.assertNoneIn("a train run", r.output());
        String report = SERVICES.s3Client().getObjectAsBytes(b -> b.bucket(SERVICES.bucket()).key("models/process/v1/report.md"))
                .asString(StandardCharsets.UTF_8);
        assertThat(report).contains("--secret-key ***");
        TestSecrets.assertNoneIn("report.md", report);
    }

    @Test
    @Order(3)
    void withoutKeysTheDefaultChainFindsAProfileForTheClientAndForS3a() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-with-profile"));
        Path credentials = Files.createDirectories(home.resolve(".aws")).resolve("credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = " + TestSecrets.ACCESS_KEY
                + "\naws_secret_access_key = " + TestSecrets.SECRET_KEY + "\n");
        // activate loads the model with Spark (s3a) and writes the pointer with the plain client
        ChildJvm.Result r = bare(ModelsCommand.class, home).run(Duration.ofMinutes(3),
                "activate", "process", "1", "--models", SERVICES.s3a("models"), "--reason", "chain");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("process: ACTIVE -> v1");
        TestSecrets.assertNoneIn("models activate", r.output());
        assertThat(SERVICES.s3Client().getObjectAsBytes(b -> b.bucket(SERVICES.bucket()).key("models/process/ACTIVE"))
                .asString(StandardCharsets.UTF_8)).contains("chain");
    }

    @Test
    @Order(4)
    void withNothingAtAllItFailsAtOnceNamingTheVariables() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-home"));
        ChildJvm.Result r = bare(ModelsCommand.class, empty).run(Duration.ofMinutes(1), "list", "--models", SERVICES.s3a("models"));
        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output().strip()).startsWith("list: no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                .contains("role").doesNotContain("\tat ");
    }

    @Test
    @Order(5)
    void localModelsNeedNoCredentials() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-home-2"));
        ChildJvm.Result r = bare(ModelsCommand.class, empty).run(Duration.ofMinutes(1), "list", "--models",
                tmp.resolve("local-models").toString());
        assertThat(r.code()).as(r.output()).isZero();
    }
}
