package dev.stophack.embedded.s3;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.Tier;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.domain.internal.StorageMetadataImpl;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * One ListObjects answer, computed as S3 does from the files of {@link StoreFiles}: every key
 * that starts with the prefix, in key order, a directory marker like any other key (so a listing
 * of {@code a/b/} starts with the marker {@code a/b/} itself), keys that contain the delimiter
 * after the prefix rolled up into common prefixes, then the page after the marker.
 *
 * <p>What is not an object is not listed: a file without its attributes yet or the temporary
 * file of a write in progress, a file deleted while the listing walks (it is simply not there),
 * a directory with no object under it, and the bookkeeping of multipart uploads in progress
 * (S3Proxy keeps it as {@code .mpus-*} keys and an upload-id key at the top of the bucket).
 */
final class KeyListing {
    private static final String MULTIPART_PREFIX = ".mpus-";

    private final StoreFiles files;
    private final UploadsInProgress.Watch writes;
    private final String prefix;
    private final String delimiter;
    /** keys (and, when the delimiter is "/", directories pruned as whole common prefixes) */
    private final NavigableMap<String, Optional<StorageMetadata>> found = new TreeMap<>();
    private final Set<String> multipartUploads = new HashSet<>();

    private KeyListing(StoreFiles files, UploadsInProgress.Watch writes, String prefix, String delimiter) {
        this.files = files;
        this.writes = writes;
        this.prefix = prefix;
        this.delimiter = delimiter;
    }

    static PageSet<StorageMetadata> list(StoreFiles files, UploadsInProgress uploads, String bucket,
            ListContainerOptions options) {
        String prefix = options.getPrefix() == null ? "" : options.getPrefix();
        String delimiter = options.getDelimiter() == null || options.getDelimiter().isEmpty()
                ? null : options.getDelimiter();
        try (UploadsInProgress.Watch writes = uploads.watch()) {
            KeyListing listing = new KeyListing(files, writes, prefix, delimiter);
            listing.walk(bucket);
            return listing.page(options.getMarker(), options.getMaxResults());
        }
    }

    /** Walks only the directory the prefix ends in, and what it needs below it. */
    private void walk(String bucket) {
        String dirKey = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        Path dir = dirKey.isEmpty() ? files.bucket(bucket) : files.path(bucket, dirKey);
        if (dirKey.isEmpty()) {
            noteMultipartUploads(dir);
        } else if (dirKey.equals(prefix)) {
            // the prefix's own marker: the one key that is the prefix itself
            files.marker(dirKey, dir).ifPresent(marker -> found.put(dirKey, Optional.of(marker)));
        }
        visit(dir, dirKey);
    }

    private void visit(Path dir, String dirKey) {
        for (Path child : children(dir)) {
            String key = dirKey + child.getFileName();
            if (dirKey.isEmpty() && isMultipartBookkeeping(key)) {
                continue;
            }
            if (Files.isDirectory(child)) {
                String subKey = key + "/";
                if (!subKey.startsWith(prefix)) {
                    continue;
                }
                if ("/".equals(delimiter)) {
                    // everything below rolls up into subKey: list it once if it holds anything
                    if (holdsAnObject(child, subKey)) {
                        found.put(subKey, Optional.empty());
                    }
                } else {
                    files.marker(subKey, child).ifPresent(marker -> found.put(subKey, Optional.of(marker)));
                    visit(child, subKey);
                }
            } else if (key.startsWith(prefix) && !writes.isTemporary(key)) {
                files.object(key, child).ifPresent(object -> found.put(key, Optional.of(object)));
            }
        }
    }

    private boolean holdsAnObject(Path dir, String dirKey) {
        if (files.marker(dirKey, dir).isPresent()) {
            return true;
        }
        for (Path child : children(dir)) {
            String key = dirKey + child.getFileName();
            if (Files.isDirectory(child)
                    ? holdsAnObject(child, key + "/")
                    : !writes.isTemporary(key) && files.object(key, child).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private PageSet<StorageMetadata> page(String marker, Integer maxResults) {
        int max = maxResults == null ? Integer.MAX_VALUE : maxResults;
        List<StorageMetadata> page = new ArrayList<>();
        String last = null;
        String next = null;
        for (Map.Entry<String, Optional<StorageMetadata>> entry : found.entrySet()) {
            String key = entry.getKey();
            String commonPrefix = commonPrefix(key);
            String name = commonPrefix == null ? key : commonPrefix;
            // a common prefix is never less than its keys, so this also skips all of a prefix already returned
            if (marker != null && name.compareTo(marker) <= 0 || name.equals(last)) {
                continue;
            }
            if (page.size() == max) {
                next = last;
                break;
            }
            page.add(commonPrefix == null ? entry.getValue().orElseThrow() : rolledUp(commonPrefix));
            last = name;
        }
        return new PageSetImpl<>(page, next);
    }

    /** The common prefix {@code key} rolls up into, or null when it is listed as itself. */
    private String commonPrefix(String key) {
        if (delimiter == null) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    private static StorageMetadata rolledUp(String commonPrefix) {
        return new StorageMetadataImpl(StorageType.RELATIVE_PATH, null, commonPrefix, null, null, null,
                null, null, Map.of(), null, Tier.STANDARD);
    }

    /** S3Proxy's upload ids: the part of {@code .mpus-<id>-<key>-<part>} names after the prefix. */
    private void noteMultipartUploads(Path bucketDir) {
        for (Path child : children(bucketDir)) {
            String name = child.getFileName().toString();
            int idLength = 36;
            if (name.startsWith(MULTIPART_PREFIX) && name.length() > MULTIPART_PREFIX.length() + idLength) {
                multipartUploads.add(name.substring(MULTIPART_PREFIX.length(), MULTIPART_PREFIX.length() + idLength));
            }
        }
    }

    private boolean isMultipartBookkeeping(String topLevelName) {
        return topLevelName.startsWith(MULTIPART_PREFIX) || multipartUploads.contains(topLevelName);
    }

    /** The entries of {@code dir} now; none when it vanished or is no directory any more. */
    private static List<Path> children(Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw new IllegalStateException("cannot list " + dir, e.getCause());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return children;
    }
}
