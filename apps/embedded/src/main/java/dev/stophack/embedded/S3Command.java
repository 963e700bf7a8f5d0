package dev.stophack.embedded;

import dev.stophack.console.CommandMain;
import dev.stophack.embedded.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stophack s3}: the laptop's S3 endpoint, in the foreground until Ctrl-C. */
@Command(name = "stophack s3",
        description = "Runs an S3 endpoint (S3Proxy) on 127.0.0.1 that keeps objects in a local directory.",
        mixinStandardHelpOptions = true)
public final class S3Command implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9000", paramLabel = "PORT",
            description = "Port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "data/s3", paramLabel = "DIR",
            description = "Directory holding the objects, kept across runs (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--access-key", defaultValue = "${env:AWS_ACCESS_KEY_ID:-" + EmbeddedS3.DEFAULT_ACCESS_KEY + "}",
            paramLabel = "KEY", description = "Access key clients must sign with (env AWS_ACCESS_KEY_ID, default: "
                    + EmbeddedS3.DEFAULT_ACCESS_KEY + ").")
    String accessKey;

    // the default is not shown in --help: it may come from the environment
    @Option(names = "--secret-key", defaultValue = "${env:AWS_SECRET_ACCESS_KEY:-" + EmbeddedS3.DEFAULT_SECRET_KEY + "}",
            paramLabel = "SECRET", description = "Secret key (env AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    @Option(names = "--bucket", defaultValue = "${env:STOPHACK_S3_BUCKET:-" + EmbeddedS3.DEFAULT_BUCKET + "}",
            paramLabel = "BUCKET", description = "Bucket created if absent (env STOPHACK_S3_BUCKET, default: "
                    + EmbeddedS3.DEFAULT_BUCKET + ").")
    String bucket;

    @Override
    public Integer call() throws Exception {
        EmbeddedS3 s3 = new EmbeddedS3(port, data, accessKey, secretKey, bucket).start();
        System.out.printf("s3 listening on %s (data: %s, bucket: %s, access key: %s)%n",
                s3.endpoint(), s3.dataDir(), s3.bucket(), s3.accessKey());
        System.out.flush();
        return Foreground.runUntilStopped(s3);
    }

    public static void main(String[] args) {
        System.exit(CommandMain.run(new S3Command(), args));
    }
}
