package dev.stophack.embedded.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes S3Proxy 2.6.0's nio2 stores answer as S3 does where s3a and Spark rely on it. The nio2
 * stores keep an object as a file and a directory marker (the empty object {@code a/b/} that
 * hadoop-aws writes for every directory) as the directory {@code a/b} itself, which conflates
 * keys and hides markers:
 *
 * <ul>
 *   <li>Listings are computed here ({@link KeyListing}): S3Proxy's own left out the prefix's own
 *       marker (a listing of {@code a/b/} never showed {@code a/b/}), so after s3a's
 *       {@code mkdirs} its {@code getFileStatus} found nothing and a plain Spark file sink or
 *       checkpoint failed at once. It also dropped the rest of a directory after a file deleted
 *       under it, failed a whole listing on a file still being written (both walked again for a
 *       while, to no avail for the first), and showed the temporary file of a write in progress.
 *       A listing here skips what is not an object and never needs walking again.
 *   <li>{@code HEAD a/b} answered 200 for the marker {@code a/b/}, so s3a took the directory for
 *       a file and every Spark job commit failed ("destination parent is not a directory");
 *       likewise {@code HEAD a/b/} for the file {@code a/b}. Here a marker is only found under its
 *       {@code /} key and a file only without, and a marker has the ETag of an empty object.
 *   <li>Deleting {@code a/b/} while {@code a/b/c} exists threw DirectoryNotEmptyException: a 500
 *       for the whole bulk delete. Here the marker goes (the directory loses its attributes and
 *       goes with its last key), as s3a's default marker policy expects after every write.
 *       Deleting {@code a/b} deleted the directory {@code a/b} (with its marker) if empty, and
 *       failed if not; deleting {@code a/b/} deleted the file {@code a/b}. Both delete nothing now.
 * </ul>
 */
final class S3SemanticsStore extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3SemanticsStore.class);

    private final StoreFiles files;
    private final UploadsInProgress uploads = new UploadsInProgress();

    /** @param files the files behind {@code delegate} */
    S3SemanticsStore(BlobStore delegate, StoreFiles files) {
        super(delegate);
        this.files = files;
    }

    @Override
    public Blob getBlob(String container, String key) {
        return getBlob(container, key, GetOptions.NONE);
    }

    @Override
    public Blob getBlob(String container, String key, GetOptions options) {
        Blob blob = super.getBlob(container, key, options);
        if (blob == null) {
            return null;
        }
        boolean marker = blob.getMetadata().getType() == StorageType.FOLDER;
        if (marker != key.endsWith("/")) {
            // "dir" found the marker "dir/", or "file/" found the object "file": other keys on S3
            blob.getPayload().release();
            return null;
        }
        if (marker) {
            blob.getMetadata().setETag(StoreFiles.EMPTY_ETAG);
        }
        return blob;
    }

    @Override
    public BlobMetadata blobMetadata(String container, String key) {
        Blob blob = getBlob(container, key);
        if (blob == null) {
            return null;
        }
        blob.getPayload().release();
        return blob.getMetadata();
    }

    @Override
    public boolean blobExists(String container, String key) {
        return blobMetadata(container, key) != null;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return writing(container, blob.getMetadata().getName(), () -> super.putBlob(container, blob));
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        return writing(container, blob.getMetadata().getName(), () -> super.putBlob(container, blob, options));
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
            CopyOptions options) {
        return writing(toContainer, toName,
                () -> super.copyBlob(fromContainer, fromName, toContainer, toName, options));
    }

    @Override
    public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
        return writing(mpu.containerName(), mpu.blobName(), () -> super.completeMultipartUpload(mpu, parts));
    }

    @Override
    public MultipartUpload initiateMultipartUpload(String container, BlobMetadata blob, PutOptions options) {
        refuseWhatTheFilesCannotHold(container, blob.getName()); // now, not after every part
        return super.initiateMultipartUpload(container, blob, options);
    }

    /** S3Proxy writes {@code key} through a temporary file beside it: listings must not show it. */
    private String writing(String container, String key, Supplier<String> write) {
        refuseWhatTheFilesCannotHold(container, key);
        uploads.begin(key);
        try {
            return write.get();
        } finally {
            uploads.end(key);
        }
    }

    /**
     * The files cannot hold an object {@code a/b} beside keys under {@code a/b/} (S3 can): S3Proxy
     * would fail with a bare 500 and leave its temporary file behind as a stray key, replace an
     * empty marker {@code a/b/} by the object, or write a marker's attributes over the object
     * {@code a/b}, its ETag with them. Refused up front with the reason (400 Bad Request).
     */
    private void refuseWhatTheFilesCannotHold(String container, String key) {
        Path path = files.path(container, key);
        String clash = null;
        if (key.endsWith("/") && Files.isRegularFile(path)) {
            clash = "the object " + key.substring(0, key.length() - 1);
        } else if (!key.endsWith("/") && Files.isDirectory(path)) {
            clash = "the keys under " + key + "/";
        }
        Path bucket = files.bucket(container);
        for (Path parent = path.getParent(); clash == null && parent != null && !parent.equals(bucket);
                parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                clash = "the object " + bucket.relativize(parent).toString()
                        .replace(parent.getFileSystem().getSeparator(), "/");
            }
        }
        if (clash != null) {
            String reason = "cannot store " + key + " beside " + clash
                    + ": this store keeps a key and the keys under it plus / in one file or directory";
            LOG.warn("refused a write in {}: {}", container, reason);
            throw new IllegalArgumentException(reason);
        }
    }

    @Override
    public void removeBlob(String container, String key) {
        Path path = files.path(container, key);
        boolean marker = key.endsWith("/");
        if (marker ? Files.isRegularFile(path) : Files.isDirectory(path)) {
            // the file "a/b" is not the key "a/b/", nor the directory "a/b" the key "a/b": no such
            // object, and S3 deletes nothing (S3Proxy would delete the other key's file)
            return;
        }
        try {
            super.removeBlob(container, key);
        } catch (RuntimeException e) {
            if (!(marker && e.getCause() instanceof DirectoryNotEmptyException)) {
                throw e;
            }
            unmark(container, key, path);
        }
    }

    /** Deletes the marker {@code key} over a directory that still holds other keys. */
    private void unmark(String container, String key, Path dir) {
        try {
            files.unmark(dir);
        } catch (NoSuchFileException e) {
            return; // emptied and removed meanwhile: the marker went with it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the directory marker " + key, e);
        }
        try {
            // in case its last key went in the meantime, which would have stopped at the marker
            super.removeBlob(container, key);
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof DirectoryNotEmptyException)) {
                throw e;
            }
        }
    }

    @Override
    public void removeBlobs(String container, Iterable<String> keys) {
        // one by one through removeBlob above: S3Proxy's own loop would call its own removeBlob
        for (String key : keys) {
            removeBlob(container, key);
        }
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        if (!containerExists(container)) {
            throw new ContainerNotFoundException(container, "");
        }
        try {
            return KeyListing.list(files, uploads, container, options);
        } catch (RuntimeException e) {
            // S3Proxy answers it with a bare error status and logs nothing: say here what it was
            LOG.warn("listing {} in {} failed", options.getPrefix(), container, e);
            throw e;
        }
    }
}
