package dev.stophack.storage;

import dev.stophack.config.S3Options;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A place given on the command line: {@code s3a://bucket/prefix} (also {@code s3://}) or a local
 * directory. Opens the matching {@link BlobStore}.
 */
public record Location(String bucket, String prefix, Path directory) {

    public static Location parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty location: expected s3a://BUCKET/PREFIX or a directory");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"s3a://", "s3://"}) {
            if (lower.startsWith(scheme)) {
                String rest = text.substring(scheme.length());
                int slash = rest.indexOf('/');
                String bucket = slash < 0 ? rest : rest.substring(0, slash);
                if (bucket.isEmpty()) {
                    throw new IllegalArgumentException("no bucket in '" + text + "'");
                }
                String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
                return new Location(bucket, prefix, null);
            }
        }
        int colon = text.indexOf("://");
        if (colon > 0) {
            throw new IllegalArgumentException("unsupported scheme in '" + text + "': use s3a://BUCKET/PATH or a local path");
        }
        return new Location(null, null, Path.of(text.startsWith("file:") ? text.substring(5) : text));
    }

    public boolean isS3() {
        return bucket != null;
    }

    /** The store at this location; S3 connection settings come from {@code s3}. */
    public BlobStore open(S3Options s3) {
        return isS3() ? new S3BlobStore(S3Clients.create(s3), bucket, prefix) : new LocalBlobStore(directory);
    }

    @Override
    public String toString() {
        return isS3() ? "s3a://" + bucket + "/" + prefix : directory.toString();
    }
}
