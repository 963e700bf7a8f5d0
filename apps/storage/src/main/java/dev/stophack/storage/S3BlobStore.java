package dev.stophack.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A {@link BlobStore} under a prefix of an S3 bucket, through the plain AWS SDK (no Spark). */
public final class S3BlobStore implements BlobStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** {@code prefix} is the store's root inside the bucket, e.g. {@code models} (no slashes around). */
    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("cannot read " + uri(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("cannot write " + uri(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String under) throws IOException {
        try {
            return listOnce(under);
        } catch (SdkException e) {
            throw new IOException("cannot list " + uri(under) + ": " + e.getMessage(), e);
        }
    }

    private List<String> listOnce(String under) {
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + under);
        while (true) {
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            for (S3Object o : page.contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                break;
            }
            request.continuationToken(page.nextContinuationToken());
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw new IOException("cannot delete " + uri(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String uri(String key) {
        return "s3a://" + bucket + "/" + prefix + key;
    }
}
