package dev.stophack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code stophack s3} prints the built-in key pair, which is public anyway, and never keys it was given. */
class S3CommandTest {
    private static S3Command parsed(String... args) {
        S3Command command = new S3Command();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutKeysItPrintsTheBuiltInPairAsExports() {
        S3Command.Keys keys = parsed().keys(Map.of());
        assertThat(keys.announcement()).isEqualTo("s3 keys: export AWS_ACCESS_KEY_ID=stophack AWS_SECRET_ACCESS_KEY=stophack-secret");
    }

    @Test
    void keysFromTheEnvironmentOrFlagsAreUsedButNeverPrinted() {
        S3Command.Keys fromEnv = parsed().keys(Map.of("AWS_ACCESS_KEY_ID", "AKIAGIVEN", "AWS_SECRET_ACCESS_KEY", "given-secret"));
        assertThat(fromEnv.access()).isEqualTo("AKIAGIVEN");
        assertThat(fromEnv.secret()).isEqualTo("given-secret");
        assertThat(fromEnv.announcement() + fromEnv).doesNotContain("AKIAGIVEN").doesNotContain("given-secret");
        S3Command.Keys fromFlags = parsed("--access-key", "AKIAFLAG", "--secret-key", "flag-secret").keys(Map.of());
        assertThat(fromFlags.announcement()).doesNotContain("AKIAFLAG").doesNotContain("flag-secret");
    }

    @Test
    void halfAPairIsRefused() {
        assertThatThrownBy(() -> parsed().keys(Map.of("AWS_ACCESS_KEY_ID", "AKIAGIVEN"))).hasMessageContaining("both keys");
    }

    @Test
    void helpShowsNoKeyFromTheEnvironment() {
        String help = new CommandLine(new S3Command()).getUsageMessage();
        assertThat(help).doesNotContain("${env:AWS");
    }
}
