package dev.stophack.embedded.s3;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.Tier;
import org.jclouds.blobstore.domain.internal.StorageMetadataImpl;

/**
 * The files behind S3Proxy 2.6.0's nio2 stores, read directly: an object {@code a/b/c} is the file
 * {@code ROOT/BUCKET/a/b/c}, its ETag (the content MD5) and storage tier are extended attributes;
 * a directory marker {@code a/b/} is the directory {@code a/b} carrying the same MD5 attribute; a
 * directory without it only holds deeper keys. A file gets its attributes after its bytes, under
 * a temporary name, so a file without the MD5 attribute is not (yet) an object.
 */
final class StoreFiles {
    private static final String MD5 = "user.content-md5";
    private static final String TIER = "user.storage-tier";
    /** The ETag of an empty object, which every directory marker is. */
    static final String EMPTY_ETAG = "\"d41d8cd98f00b204e9800998ecf8427e\"";

    private final Path root;

    StoreFiles(Path root) {
        this.root = root;
    }

    /**
     * The directory the nio2 store of {@code context} keeps its buckets in. S3Proxy keeps it to
     * itself (a protected accessor), hence the reflection; and the context's own BlobStore is a
     * Guice proxy (jclouds wires BlobStore and context in a cycle), hence the injector.
     */
    static StoreFiles of(BlobStoreContext context, Class<? extends AbstractNio2BlobStore> storeType) {
        AbstractNio2BlobStore store = context.utils().injector().getInstance(storeType);
        try {
            Method getRoot = AbstractNio2BlobStore.class.getDeclaredMethod("getRoot");
            getRoot.setAccessible(true);
            return new StoreFiles((Path) getRoot.invoke(store));
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot find the directory of S3Proxy's nio2 store", e);
        }
    }

    Path bucket(String bucket) {
        return root.resolve(bucket);
    }

    /** The file or directory a key lives in; a key that would leave its bucket is refused. */
    Path path(String bucket, String key) {
        Path dir = bucket(bucket);
        Path path = dir.resolve(key).normalize();
        if (!path.startsWith(dir)) {
            throw new IllegalArgumentException("key leaves its bucket: " + key);
        }
        return path;
    }

    /**
     * The listing entry of the object kept in {@code file} under {@code key}; empty when the file
     * is not a whole object (no MD5 yet) or vanished while we looked, which a listing skips.
     */
    Optional<StorageMetadata> object(String key, Path file) {
        try {
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
            UserDefinedFileAttributeView view = view(file);
            List<String> names = view.list();
            if (!names.contains(MD5)) {
                return Optional.empty();
            }
            String tier = names.contains(TIER) ? new String(read(view, TIER), StandardCharsets.UTF_8) : null;
            return Optional.of(entry(key, eTag(read(view, MD5)), basic, basic.size(),
                    tier == null ? Tier.STANDARD : Tier.valueOf(tier)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // an attribute removed between list() and read() (the in-memory file system says so
            // with IllegalArgumentException): the file is changing under us, as if not yet there
            if (Files.exists(file)) {
                throw new IllegalStateException("cannot read the attributes of " + file, e);
            }
            return Optional.empty();
        }
    }

    /** The listing entry of the directory marker {@code key} ("a/b/") kept as {@code dir}, if marked. */
    Optional<StorageMetadata> marker(String key, Path dir) {
        try {
            if (!isMarker(dir)) {
                return Optional.empty();
            }
            BasicFileAttributes basic = Files.readAttributes(dir, BasicFileAttributes.class);
            return Optional.of(entry(key, EMPTY_ETAG, basic, 0L, Tier.STANDARD));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the attributes of " + dir, e);
        }
    }

    boolean isMarker(Path dir) throws IOException {
        return Files.isDirectory(dir) && view(dir).list().contains(MD5);
    }

    /**
     * Turns the marker kept as {@code dir} into a plain directory, as if the marker object were
     * deleted while the keys under it stay: the store removes the directory with its last key.
     */
    void unmark(Path dir) throws IOException {
        UserDefinedFileAttributeView view = view(dir);
        for (String name : view.list()) {
            view.delete(name);
        }
    }

    private static UserDefinedFileAttributeView view(Path path) {
        return Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
    }

    private static byte[] read(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        return buffer.array();
    }

    /** As S3Proxy writes it: 16 bytes of MD5, or the text of a multipart ETag. */
    private static String eTag(byte[] md5) {
        return md5.length == 16
                ? "\"" + HexFormat.of().formatHex(md5) + "\""
                : new String(md5, StandardCharsets.US_ASCII);
    }

    private static StorageMetadata entry(String key, String eTag, BasicFileAttributes basic, long size, Tier tier) {
        return new StorageMetadataImpl(StorageType.BLOB, null, key, null, null, eTag,
                new Date(basic.creationTime().toMillis()), new Date(basic.lastModifiedTime().toMillis()),
                Map.of(), size, tier);
    }
}
