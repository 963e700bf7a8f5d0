package dev.stophack.embedded.kafka;

import dev.stophack.api.kafka.Topics;
import dev.stophack.embedded.DataDirectory;
import dev.stophack.embedded.FreePort;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) inside this JVM, on 127.0.0.1
 * only. Its data directory is formatted once (when {@code meta.properties} is absent) and reused
 * afterwards, so records survive a restart on the same directory. On start it creates the topics
 * of {@link Topics#ALL} that do not exist yet.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration TOPICS_READY_TIMEOUT = Duration.ofSeconds(30);

    private final int requestedPort;
    private final Path requestedDir;
    private DataDirectory dataDir;
    private KafkaRaftServer server;
    private int port;

    /**
     * @param port the PLAINTEXT port on 127.0.0.1, 0 for a free one
     * @param dataDir where the log lives (kept across restarts), or null for a temporary directory
     *     deleted by {@link #close()}
     */
    public EmbeddedKafka(int port, Path dataDir) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.requestedPort = port;
        this.requestedDir = dataDir;
    }

    /** A broker on a free port with a temporary data directory. */
    public EmbeddedKafka() {
        this(0, null);
    }

    /** Formats the data directory if needed, starts the broker, creates missing topics. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        long started = System.nanoTime();
        dataDir = DataDirectory.of(requestedDir, "stophack-kafka-");
        try {
            port = FreePort.orFree(requestedPort);
            // the broker only finds out after formatting and starting its controller
            FreePort.requireFree(port);
            int controllerPort = FreePort.pick();
            KafkaConfig config = new KafkaConfig(brokerProperties(port, controllerPort), false);
            formatIfNeeded(dataDir.path());
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            createMissingTopics();
            LOG.info("Kafka on {} ready in {} ms (data: {})",
                    bootstrapServers(), (System.nanoTime() - started) / 1_000_000, dataDir);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir == null ? null : dataDir.path();
    }

    /** Shuts the broker down cleanly, then deletes the data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
        if (dataDir != null) {
            dataDir.release();
        }
    }

    private Properties brokerProperties(int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.path().toString());
        // one node: internal topics cannot have more replicas than that
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        // fewer consumer-offset partitions: the first consumer group is ready sooner
        p.put("offsets.topic.num.partitions", "4");
        // consumers join at once instead of waiting 3 s for more members
        p.put("group.initial.rebalance.delay.ms", "0");
        // auto-created topics look like the ones we create
        p.put("num.partitions", String.valueOf(Topics.DEFAULT_PARTITIONS));
        return p;
    }

    private static void formatIfNeeded(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            LOG.debug("{} is already formatted", dir);
            return;
        }
        try {
            new Formatter()
                    // the formatter reports on a stream; our log line says the same
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            LOG.info("formatted a new Kafka log directory at {}", dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + dir, e);
        }
    }

    private void createMissingTopics() {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(conf)) {
            Set<String> existing = admin.listTopics().names().get(TOPICS_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Topics.DEFAULT_PARTITIONS, (short) 1).configs(Topics.config(t)))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(TOPICS_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // another client may have created one in between: that is what we wanted anyway
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + Topics.ALL + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Waits until every partition of our topics has a leader and the broker holds its log, so that
     * the first producer or consumer after {@link #start()} does not meet a not-yet-known topic.
     * A leader in the metadata is not enough: the broker creates its local replica a moment
     * later, and an idempotent producer that writes in between gets NOT_LEADER_OR_FOLLOWER, then
     * out-of-order sequence errors for good (KAFKA-15591), and loses its first records.
     */
    private static void awaitLeaders(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TOPICS_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(Topics.ALL).allTopicNames()
                        .get(TOPICS_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                boolean ready = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready && logsPresent(admin, described)) {
                    return;
                }
            } catch (ExecutionException e) {
                // just created: the broker's metadata may not know the topic for a few ms
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions without leader after " + TOPICS_READY_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Whether the (single) broker has a log for every partition of {@code topics}. */
    private static boolean logsPresent(Admin admin, Map<String, TopicDescription> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> wanted = new HashSet<>();
        Set<Integer> brokers = new HashSet<>();
        topics.values().forEach(d -> d.partitions().forEach(p -> {
            wanted.add(new TopicPartition(d.name(), p.partition()));
            brokers.add(p.leader().id());
        }));
        Set<TopicPartition> present = new HashSet<>();
        admin.describeLogDirs(brokers).allDescriptions().get(TOPICS_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .values().forEach(dirs -> dirs.values().forEach(dir -> present.addAll(dir.replicaInfos().keySet())));
        return present.containsAll(wanted);
    }
}
