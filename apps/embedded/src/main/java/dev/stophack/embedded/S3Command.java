package dev.stophack.embedded;

import dev.stophack.console.CommandMain;
import dev.stophack.embedded.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack s3}: the laptop's S3 endpoint, in the foreground until Ctrl-C. */
@Command(name = "stophack s3",
        description = {"Runs an S3 endpoint (S3Proxy) on 127.0.0.1 that keeps objects in a local directory.",
            "Without keys it takes the built-in pair, prints it and the exports the other commands need."},
        mixinStandardHelpOptions = true)
public final class S3Command implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9000", paramLabel = "PORT",
            description = "Port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "data/s3", paramLabel = "DIR",
            description = "Directory holding the objects, kept across runs (default: ${DEFAULT-VALUE}).")
    Path data;

    // no picocli defaults from the environment: --help would print them
    @Option(names = "--access-key", paramLabel = "KEY",
            description = "Access key clients must sign with (env AWS_ACCESS_KEY_ID; default: the built-in "
                    + EmbeddedS3.DEFAULT_ACCESS_KEY + ").")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET",
            description = "Secret key (env AWS_SECRET_ACCESS_KEY; default: the built-in one, printed at start).")
    String secretKey;

    @Option(names = "--bucket", defaultValue = "${env:STOPHACK_S3_BUCKET:-" + EmbeddedS3.DEFAULT_BUCKET + "}",
            paramLabel = "BUCKET", description = "Bucket created if absent (env STOPHACK_S3_BUCKET, default: "
                    + EmbeddedS3.DEFAULT_BUCKET + ").")
    String bucket;

    @Override
    public Integer call() throws Exception {
        Keys keys = keys(System.getenv());
        EmbeddedS3 s3 = new EmbeddedS3(port, data, keys.access(), keys.secret(), bucket).start();
        System.out.printf("s3 listening on %s (data: %s, bucket: %s)%n", s3.endpoint(), s3.dataDir(), s3.bucket());
        System.out.println(keys.announcement());
        System.out.flush();
        return Foreground.runUntilStopped(s3);
    }

    /** The key pair: flags, then the environment, then the built-in pair. */
    Keys keys(Map<String, String> env) {
        String access = accessKey != null ? accessKey : env.get("AWS_ACCESS_KEY_ID");
        String secret = secretKey != null ? secretKey : env.get("AWS_SECRET_ACCESS_KEY");
        boolean builtIn = blank(access) && blank(secret);
        if (!builtIn && (blank(access) || blank(secret))) {
            throw new IllegalArgumentException("give both keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or neither");
        }
        return builtIn ? new Keys(EmbeddedS3.DEFAULT_ACCESS_KEY, EmbeddedS3.DEFAULT_SECRET_KEY, true)
                : new Keys(access, secret, false);
    }

    /**
     * A key pair; only the built-in one, which is in the source anyway, is ever printed.
     *
     * @param builtIn whether it is the built-in pair
     */
    record Keys(String access, String secret, boolean builtIn) {
        String announcement() {
            return builtIn
                    ? "s3 keys: export AWS_ACCESS_KEY_ID=" + access + " AWS_SECRET_ACCESS_KEY=" + secret
                    : "s3 keys: the ones given (not printed)";
        }

        @Override
        public String toString() {
            return builtIn ? "built-in keys" : "keys given";
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new S3Command(), args));
    }
}
