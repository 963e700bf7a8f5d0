package dev.stophack.embedded.s3;

import dev.stophack.embedded.DataDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobProviderMetadata;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobProviderMetadata;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.jclouds.providers.ProviderMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 endpoint inside this JVM: S3Proxy on 127.0.0.1, AWS v2 or v4 signatures with one static
 * key pair, one bucket created if absent.
 *
 * <p>Store: S3Proxy's own {@code filesystem-nio2} provider when a data directory is given (one
 * file per object under {@code DIR/BUCKET/}, kept across restarts), {@code transient-nio2} (the
 * same code on an in-memory file system) when not, both behind {@link S3SemanticsStore}.
 * Measured with {@code SparkOnEmbeddedS3Test} (Spark 3.5 writes a 4-row parquet through
 * hadoop-aws 3.3.4, lists it, reads it back) on a 2-core machine:
 *
 * <ul>
 *   <li>jclouds {@code filesystem}, s3a's default marker policy (measured earlier in this
 *       project): writes stalled for minutes, retried deletes of markers over non-empty
 *       directories;
 *   <li>jclouds {@code filesystem} with {@code fs.s3a.directory.marker.retention=keep}: works,
 *       but every job commit's bulk delete of {@code _temporary} took 10 s;
 *   <li>{@code filesystem-nio2} as shipped: every job fails at task commit, because a
 *       {@code HEAD dir} answers for the marker {@code dir/} (see {@link S3SemanticsStore});
 *   <li>{@code filesystem-nio2} with the HEAD fix of {@link S3SemanticsStore}: write, list and
 *       read in about 2 s, with either marker policy; the whole test, Spark start-up included,
 *       in 7 s.
 * </ul>
 *
 * The nio2 store needs nothing beyond the S3Proxy jar and jimfs, already its dependency.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String DEFAULT_ACCESS_KEY = dev.stophack.config.Defaults.EMBEDDED_S3_ACCESS_KEY;
    public static final String DEFAULT_SECRET_KEY = dev.stophack.config.Defaults.EMBEDDED_S3_SECRET_KEY;
    public static final String DEFAULT_BUCKET = "stophack";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private static final String HOST = "127.0.0.1";

    private final int requestedPort;
    private final Path requestedDir;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;
    private BlobStoreContext context;
    private S3Proxy proxy;
    private DataDirectory dataDir;
    private int port;

    /**
     * @param port the port on 127.0.0.1, 0 for a free one
     * @param dataDir where objects are kept across restarts, or null to keep them in memory
     */
    public EmbeddedS3(int port, Path dataDir, String accessKey, String secretKey, String bucket) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.requestedPort = port;
        this.requestedDir = dataDir;
        this.accessKey = requireText(accessKey, "access key");
        this.secretKey = requireText(secretKey, "secret key");
        this.bucket = requireText(bucket, "bucket");
    }

    /** Free port, given data directory (null: in memory), default keys and bucket. */
    public EmbeddedS3(Path dataDir) {
        this(0, dataDir, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_BUCKET);
    }

    /** Free port, in memory, default keys and bucket. */
    public EmbeddedS3() {
        this(null);
    }

    /** Opens the store, creates the bucket if absent and starts serving. */
    public synchronized EmbeddedS3 start() {
        if (proxy != null) {
            throw new IllegalStateException("already started");
        }
        long started = System.nanoTime();
        try {
            context = openStore();
            BlobStore store = context.getBlobStore();
            if (!store.containerExists(bucket)) {
                store.createContainerInLocation(null, bucket);
            }
            proxy = S3Proxy.builder()
                    .blobStore(new S3SemanticsStore(store, StoreFiles.of(context, storeType())))
                    .endpoint(URI.create("http://" + HOST + ":" + requestedPort))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            // with port 0 Jetty picks one: ask the connector which
            port = proxy.getPort();
            LOG.info("S3 on {} ready in {} ms (bucket: {}, data: {})", endpoint(),
                    (System.nanoTime() - started) / 1_000_000, bucket, dataDir == null ? "in memory" : dataDir);
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start S3 on " + HOST + ":" + requestedPort, e);
        }
    }

    private Class<? extends AbstractNio2BlobStore> storeType() {
        return requestedDir == null ? TransientNio2BlobStore.class : FilesystemNio2BlobStore.class;
    }

    private BlobStoreContext openStore() {
        Properties overrides = new Properties();
        ProviderMetadata provider = new TransientNio2BlobProviderMetadata();
        if (requestedDir != null) {
            dataDir = DataDirectory.of(requestedDir, "stophack-s3-");
            overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR, dataDir.path().toString());
            provider = new FilesystemNio2BlobProviderMetadata();
        }
        // By instance, not by name: a lookup by name loads every provider S3Proxy lists, and its
        // Azure one cannot load without the Azure SDK we leave out.
        return ContextBuilder.newBuilder(provider)
                // a local store has no credentials of its own, but jclouds requires some
                .credentials("local", "local")
                .overrides(overrides)
                .modules(List.of(new SLF4JLoggingModule()))
                .build(BlobStoreContext.class);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        if (proxy == null) {
            throw new IllegalStateException("not started");
        }
        return "http://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String bucket() {
        return bucket;
    }

    /** The data directory, or null when objects live in memory. */
    public Path dataDir() {
        return dataDir == null ? null : dataDir.path();
    }

    /** Whether objects survive {@link #close()}. */
    public boolean persistent() {
        return requestedDir != null;
    }

    @Override
    public synchronized void close() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        } finally {
            proxy = null;
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return value;
    }
}
