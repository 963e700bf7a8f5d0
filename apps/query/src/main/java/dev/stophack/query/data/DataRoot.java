package dev.stophack.query.data;

import dev.stophack.config.S3Options;
import dev.stophack.query.QueryError;
import dev.stophack.storage.Location;
import dev.stophack.storage.S3Clients;
import java.nio.file.Files;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where the pipeline's outputs are: the root that holds {@code events/}, {@code attacks/},
 * {@code deadletter/} and {@code models/}, in a bucket ({@code s3a://BUCKET[/PREFIX]}) or in a
 * local folder, as the streaming job's {@code --output} names it.
 */
public final class DataRoot {
    private final Location location;
    private final String uri;

    private DataRoot(Location location) {
        this.location = location;
        this.uri = location.isS3()
                ? "s3a://" + location.bucket() + (location.prefix().isEmpty() ? "" : "/" + location.prefix())
                : location.directory().toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
    }

    /** {@code data} (a folder or an s3a:// location), or the bucket of {@code s3} when it is null. */
    public static DataRoot of(String data, S3Options s3) {
        try {
            return new DataRoot(Location.parse(data == null ? "s3a://" + s3.bucket : data));
        } catch (IllegalArgumentException e) {
            throw new QueryError(e.getMessage());
        }
    }

    public boolean isS3() {
        return location.isS3();
    }

    /** The root as Spark addresses it: {@code s3a://bucket/prefix} or {@code file:/dir}. */
    public String uri() {
        return uri;
    }

    /** {@code path} (an S3Layout path) under the root. */
    public String resolve(String path) {
        return uri + "/" + path;
    }

    /**
     * Fails in one line, before Spark starts, when the root cannot be read: a folder that is not
     * there, an endpoint that does not answer, a bucket that is missing or refuses the keys.
     */
    public void check(S3Options s3) {
        if (!location.isS3()) {
            if (!Files.isDirectory(location.directory())) {
                throw new QueryError("no folder " + location.directory().toAbsolutePath()
                        + " (--data names the folder that holds events/, attacks/, deadletter/ and models/)");
            }
            return;
        }
        String where = "bucket '" + location.bucket() + "' at " + s3.endpoint;
        try (S3Client client = S3Clients.create(s3)) {
            client.headBucket(HeadBucketRequest.builder().bucket(location.bucket()).build());
        } catch (S3Exception e) {
            throw new QueryError(switch (e.statusCode()) {
                case 404 -> "no " + where;
                case 301, 400 -> where + " refused the request (HTTP " + e.statusCode() + "): is it the right endpoint?";
                case 401, 403 -> where + " refused the keys (HTTP " + e.statusCode() + ")";
                default -> "cannot read " + where + ": HTTP " + e.statusCode();
            }, e);
        } catch (SdkClientException e) {
            throw new QueryError("cannot reach S3 at " + s3.endpoint + ": " + rootMessage(e), e);
        } catch (SdkException | IllegalArgumentException e) {
            throw new QueryError("cannot read " + where + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public String toString() {
        return uri;
    }
}
