package dev.stophack.producer.weblog;

import dev.stophack.config.S3Options;
import dev.stophack.storage.S3Clients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Opens the log {@code --log} names: a file (path or {@code file://}) or an S3 object
 * ({@code s3a://BUCKET/KEY}, {@code s3://}). Every way of not getting it is a one-line
 * {@link IllegalArgumentException} naming it.
 */
final class LogSource implements AutoCloseable {
    private final InputStream in;
    private final S3Client client;
    private final String name;

    private LogSource(InputStream in, S3Client client, String name) {
        this.in = in;
        this.client = client;
        this.name = name;
    }

    static LogSource open(String value, S3Options s3) {
        dev.stophack.producer.source.CsvLocation location = dev.stophack.producer.source.CsvLocation.parse(value, "--log");
        if (location instanceof dev.stophack.producer.source.CsvLocation.LocalFile file) {
            Path path = file.path();
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException("--log " + path + ": is a directory, not a log file");
            }
            try {
                return new LogSource(Files.newInputStream(path), null, path.toString());
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--log " + path + ": no such file");
            } catch (AccessDeniedException e) {
                throw new IllegalArgumentException("--log " + path + ": permission denied");
            } catch (IOException e) {
                throw new IllegalArgumentException("--log " + path + ": cannot read (" + e.getMessage() + ")");
            }
        }
        dev.stophack.producer.source.CsvLocation.S3Object object = (dev.stophack.producer.source.CsvLocation.S3Object) location;
        S3Client client = S3Clients.create(s3);
        try {
            return new LogSource(client.getObject(GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).build()),
                    client, object.uri());
        } catch (NoSuchKeyException e) {
            client.close();
            throw new IllegalArgumentException("--log " + object + ": no such object in bucket '" + object.bucket() + "' at "
                    + s3.endpoint);
        } catch (NoSuchBucketException e) {
            client.close();
            throw new IllegalArgumentException("--log " + object + ": no such bucket '" + object.bucket() + "' at " + s3.endpoint);
        } catch (SdkException e) {
            client.close();
            throw new IllegalArgumentException("--log " + object + ": cannot read from " + s3.endpoint + " (" + e.getMessage() + ")");
        }
    }

    InputStream stream() {
        return in;
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }
}
