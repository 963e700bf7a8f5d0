package dev.stophack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which credentials a command signs S3 requests with, decided from flags, environment and files alone. */
class S3CredentialsTest {
    @TempDir
    Path home;
    @TempDir
    Path root;

    private S3Credentials resolve(String key, String secret, Map<String, String> env) {
        return S3Credentials.resolve(key, secret, env, new CredentialFiles(home, root));
    }

    @Test
    void flagsWinOverTheEnvironment() {
        S3Credentials c = resolve("flag-key", "flag-secret", Map.of("AWS_ACCESS_KEY_ID", "env-key", "AWS_SECRET_ACCESS_KEY", "env-secret"));
        assertThat(c).isEqualTo(new S3Credentials.Keys("flag-key", "flag-secret"));
    }

    @Test
    void theEnvironmentGivesStaticKeysThatNeverPrint() {
        S3Credentials c = resolve(null, null, Map.of("AWS_ACCESS_KEY_ID", "AKIAX", "AWS_SECRET_ACCESS_KEY", "s3cr3t"));
        assertThat(c).isEqualTo(new S3Credentials.Keys("AKIAX", "s3cr3t"));
        assertThat(c.toString() + c.describe()).doesNotContain("AKIAX").doesNotContain("s3cr3t");
    }

    @Test
    void temporaryKeysInTheEnvironmentGoThroughTheChainWithTheirToken() {
        S3Credentials c = resolve(null, null, Map.of("AWS_ACCESS_KEY_ID", "ASIAX", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "t"));
        assertThat(c).isInstanceOf(S3Credentials.DefaultChain.class);
    }

    @Test
    void halfAKeyPairIsAnError() {
        assertThatThrownBy(() -> resolve(null, null, Map.of("AWS_ACCESS_KEY_ID", "AKIAX")))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> resolve(null, "s", Map.of())).hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    void aPodsWebIdentityOrContainerCredentialsMeanTheChain() {
        assertThat(resolve(null, null, Map.of("AWS_ROLE_ARN", "arn:aws:iam::1:role/r", "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/t")))
                .isEqualTo(new S3Credentials.DefaultChain(S3Credentials.Source.WEB_IDENTITY, "web identity of role arn:aws:iam::1:role/r"));
        assertThat(resolve(null, null, Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials")))
                .isInstanceOf(S3Credentials.DefaultChain.class);
        assertThat(resolve(null, null, Map.of("AWS_PROFILE", "dev"))).isInstanceOf(S3Credentials.DefaultChain.class);
    }

    @Test
    void aProfileFileMeansTheChain() throws Exception {
        assertThatThrownBy(() -> resolve(null, null, Map.of())).hasMessageContaining("no S3 credentials");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\n");
        assertThat(resolve(null, null, Map.of())).isInstanceOf(S3Credentials.DefaultChain.class);
    }

    @Test
    void aProfileFileNamedInTheEnvironmentMeansTheChain() throws Exception {
        Path file = Files.writeString(root.resolve("creds"), "[default]\n");
        assertThat(resolve(null, null, Map.of("AWS_CREDENTIAL_PROFILES_FILE", file.toString())))
                .isEqualTo(new S3Credentials.DefaultChain(S3Credentials.Source.PROFILE, "profile file " + file));
    }

    @Test
    void anEc2MachineHasAnInstanceRoleUnlessMetadataIsDisabled() throws Exception {
        Path dmi = Files.createDirectories(root.resolve("sys/devices/virtual/dmi/id"));
        Files.writeString(dmi.resolve("sys_vendor"), "Amazon EC2\n");
        assertThat(resolve(null, null, Map.of())).isEqualTo(new S3Credentials.DefaultChain(S3Credentials.Source.INSTANCE, "EC2 instance role"));
        assertThatThrownBy(() -> resolve(null, null, Map.of("AWS_EC2_METADATA_DISABLED", "true")))
                .hasMessageContaining("no S3 credentials");
    }

    @Test
    void nothingAtAllNamesTheVariablesAndTheRoleOptions() {
        assertThatThrownBy(() -> resolve(null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                .hasMessageContaining("role");
    }
}
