package dev.stophack.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A flat key-value store of small objects: an S3 bucket prefix or a local directory. Keys use
 * {@code /} and are relative to the store's root.
 */
public interface BlobStore {

    /** The object's bytes, or empty when there is none. */
    Optional<byte[]> get(String key) throws IOException;

    /** Writes (or replaces) an object. */
    void put(String key, byte[] bytes) throws IOException;

    /** Every key under {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Removes an object; a missing one is not an error. */
    void delete(String key) throws IOException;

    /** Where {@code key} lives, as Spark/Hadoop addresses it ({@code s3a://...} or {@code file:/...}). */
    String uri(String key);
}
