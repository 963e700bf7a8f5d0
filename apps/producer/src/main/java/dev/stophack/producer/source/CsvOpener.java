package dev.stophack.producer.source;

import dev.stophack.api.events.EventKind;
import dev.stophack.config.S3Options;
import dev.stophack.csv.CsvException;
import dev.stophack.csv.CsvReader;
import dev.stophack.storage.S3Clients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Loads the streaming CSV from where {@link CsvLocation} says. Every way of not getting the
 * file (missing, unreadable, no such bucket or key, endpoint down) becomes a one-line
 * {@link CsvException} naming it.
 */
public final class CsvOpener {
    private final S3Options s3;

    /** {@code s3} is used only for {@code s3a://} locations. */
    public CsvOpener(S3Options s3) {
        this.s3 = s3;
    }

    public StreamData load(CsvLocation location, EventKind kind) throws IOException {
        if (location instanceof CsvLocation.LocalFile file) {
            return loadFile(file, kind);
        }
        return loadObject((CsvLocation.S3Object) location, kind);
    }

    private static StreamData loadFile(CsvLocation.LocalFile file, EventKind kind) throws IOException {
        if (Files.isDirectory(file.path())) {
            throw new CsvException(file + ": is a directory, not a CSV file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file.path());
        } catch (NoSuchFileException e) {
            throw new CsvException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CsvException(file + ": permission denied");
        } catch (IOException e) {
            throw new CsvException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return read(in, file.toString(), kind);
    }

    private StreamData loadObject(CsvLocation.S3Object object, EventKind kind) throws IOException {
        try (S3Client client = client()) {
            InputStream in = client.getObject(GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).build());
            return read(in, object.uri(), kind);
        } catch (NoSuchKeyException e) {
            throw new CsvException(object + ": no such object in bucket '" + object.bucket() + "' at " + s3.endpoint);
        } catch (NoSuchBucketException e) {
            throw new CsvException(object + ": no such bucket '" + object.bucket() + "' at " + s3.endpoint);
        } catch (S3Exception e) {
            String why = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new CsvException(object + ": cannot read from " + s3.endpoint + " (HTTP " + e.statusCode() + ": " + why + ")");
        } catch (SdkException e) {
            throw new CsvException(object + ": cannot read from " + s3.endpoint + " (" + e.getMessage() + ")");
        }
    }

    private S3Client client() {
        try {
            URI.create(s3.endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--s3-endpoint " + s3.endpoint + ": not a URL");
        }
        return S3Clients.create(s3);
    }

    private static StreamData read(InputStream in, String source, EventKind kind) throws IOException {
        try (CsvReader reader = CsvReader.of(in, source)) {
            return new StreamLoader(kind).load(reader);
        } catch (IOException e) {
            throw new CsvException(source + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
