package dev.stophack.faults.census;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A query's progress as its checkpoint records it: the watermark of its last committed batch.
 * A window query whose committed batch ran at watermark W has written every window that ends by
 * W; the job logs no line for such a batch when it read no rows, so the checkpoint is where to look.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;

    public Checkpoints(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * {@code batchWatermarkMs} of the newest batch under {@code checkpoint} (a key prefix such as
     * {@code checkpoints/potential-attacks}) that has a commit; empty before the first.
     */
    public OptionalLong committedWatermark(String checkpoint) {
        try {
            long last = -1;
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(checkpoint + "/commits/")).contents()) {
                String name = o.key().substring(o.key().lastIndexOf('/') + 1);
                if (name.matches("\\d+")) {
                    last = Math.max(last, Long.parseLong(name));
                }
            }
            if (last < 0) {
                return OptionalLong.empty();
            }
            String key = checkpoint + "/offsets/" + last;
            String offsets = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key))
                    .asString(StandardCharsets.UTF_8);
            // line 1 the log's version ("v1"), line 2 the batch's metadata, then one line a source
            JsonNode metadata = JSON.readTree(offsets.lines().skip(1).findFirst().orElse("{}"));
            return metadata.has("batchWatermarkMs") ? OptionalLong.of(metadata.get("batchWatermarkMs").asLong())
                    : OptionalLong.empty();
        } catch (SdkException e) {
            return OptionalLong.empty(); // being written or S3 away: asked again on the next poll
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable offsets under " + checkpoint, e);
        }
    }
}
