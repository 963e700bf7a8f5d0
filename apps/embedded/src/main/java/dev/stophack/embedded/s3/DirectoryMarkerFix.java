package dev.stophack.embedded.s3;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes S3Proxy 2.6.0's nio2 stores treat directory markers (empty objects whose key ends in
 * {@code /}, which hadoop-aws writes for every directory) the way S3 does. The nio2 stores keep a
 * marker {@code a/b/} as the directory {@code a/b} itself, which conflates two keys:
 *
 * <ul>
 *   <li>{@code HEAD a/b} answered 200 for the marker {@code a/b/}, so s3a took the directory for
 *       a file and every Spark job commit failed ("destination parent is not a directory").
 *       Here a directory is only found under its {@code /} key.
 *   <li>Deleting {@code a/b/} while {@code a/b/c} exists threw DirectoryNotEmptyException: a 500
 *       for the whole bulk delete. Bulk deletes here go deepest key first, so the directory is
 *       empty when its marker's turn comes; a marker over objects that remain is left in place,
 *       which is what s3a's {@code fs.s3a.directory.marker.retention=keep} does anyway.
 *   <li>A listing that walked into a file deleted under it (a Spark commit renames and deletes
 *       while a reader lists), or into one whose attributes were not yet written, failed with a
 *       400 for the whole listing; S3 lists what is there. Such a listing is walked again.
 * </ul>
 *
 * Later S3Proxy releases fix the first point in the store itself.
 */
final class DirectoryMarkerFix extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryMarkerFix.class);

    DirectoryMarkerFix(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public Blob getBlob(String container, String key) {
        return getBlob(container, key, GetOptions.NONE);
    }

    @Override
    public Blob getBlob(String container, String key, GetOptions options) {
        Blob blob = super.getBlob(container, key, options);
        return blob != null && markerFoundWithoutSlash(key, blob.getMetadata()) ? null : blob;
    }

    @Override
    public BlobMetadata blobMetadata(String container, String key) {
        BlobMetadata metadata = super.blobMetadata(container, key);
        return metadata != null && markerFoundWithoutSlash(key, metadata) ? null : metadata;
    }

    @Override
    public boolean blobExists(String container, String key) {
        return blobMetadata(container, key) != null;
    }

    @Override
    public void removeBlob(String container, String key) {
        try {
            super.removeBlob(container, key);
        } catch (RuntimeException e) {
            if (!(key.endsWith("/") && e.getCause() instanceof DirectoryNotEmptyException)) {
                throw e;
            }
        }
    }

    @Override
    public void removeBlobs(String container, Iterable<String> keys) {
        List<String> deepestFirst = new ArrayList<>();
        keys.forEach(deepestFirst::add);
        // "a/b/c" sorts after "a/b/", so reverse order removes children before their marker
        deepestFirst.sort(Comparator.reverseOrder());
        for (String key : deepestFirst) {
            removeBlob(container, key);
        }
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        for (int attempt = 1; ; attempt++) {
            try {
                return super.list(container, options);
            } catch (RuntimeException e) {
                if (attempt == LIST_ATTEMPTS || !causedByFileInFlux(e)) {
                    // S3Proxy answers it with a bare 400 and no cause: say here what it was
                    LOG.warn("listing {} in {} failed (attempt {})", options.getPrefix(), container, attempt, e);
                    throw e;
                }
                pause(attempt); // a commit renames several files in a row: let it finish
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int LIST_ATTEMPTS = 5;

    /**
     * A file deleted under the listing, or one so new that the store has not yet set the
     * attributes it lists (the in-memory file system then says "attribute ... is not set").
     */
    private static boolean causedByFileInFlux(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException
                    || t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).endsWith("is not set")) {
                return true;
            }
        }
        return false;
    }

    private static boolean markerFoundWithoutSlash(String key, BlobMetadata metadata) {
        return !key.endsWith("/") && metadata.getType() == StorageType.FOLDER;
    }
}
