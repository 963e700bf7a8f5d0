package dev.stophack.faults.parts;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.config.Defaults;
import dev.stophack.console.ParentWatch;
import dev.stophack.models.BaselineModels;
import dev.stophack.storage.S3BlobStore;
import dev.stophack.storage.S3Clients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The laptop pipeline of one scenario, in its own folder: an embedded broker and S3 endpoint as
 * their own processes on free ports, the baseline models active, and streaming jobs started on
 * demand. Every part logs to {@code <folder>/logs/<part>.log}.
 */
public final class Pipeline implements AutoCloseable {
    /** Every scenario's bucket starts so: {@code stophack-<scenario>}. */
    public static final String BUCKET_PREFIX = "stophack-";

    private final Launcher launcher;
    private final Path folder;
    private final String bucket;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Service kafka;
    private final Service s3;
    private final List<Child> jobs = new ArrayList<>();
    private final List<Service> brokers = new ArrayList<>();

    /**
     * {@code scenario} names the bucket: scenarios that run at once in this JVM then never share
     * one, so the runner's Spark can point each bucket at its own S3 endpoint.
     */
    public Pipeline(Launcher launcher, Path folder, String scenario) throws IOException {
        this.launcher = launcher;
        this.folder = folder;
        this.bucket = BUCKET_PREFIX + scenario;
        // the embedded S3's keys, as the demo hands them to its parts; no caller's session token
        env.put("AWS_ACCESS_KEY_ID", Defaults.EMBEDDED_S3_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Defaults.EMBEDDED_S3_SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", null);
        env.put("STOPHACK_S3_BUCKET", bucket);
        env.put(ParentWatch.PARENT_PID, ParentWatch.thisProcess()); // a killed run leaves no part behind
        this.kafka = broker("kafka");
        this.s3 = new Service(launcher, "s3", folder.resolve("s3"), log("s3"), env, "s3 listening on");
    }

    /** Starts the broker and S3 and activates the baseline models from {@code baselineModels}. */
    public Pipeline start(Path baselineModels) throws IOException, InterruptedException {
        kafka.launch();
        s3.launch();
        kafka.awaitReady();
        s3.awaitReady();
        try (S3Client client = s3Client()) {
            BaselineModels.seed(baselineModels, new S3BlobStore(client, bucket, S3Layout.MODELS));
        }
        return this;
    }

    /** Starts S3 alone, with the baseline models active: for a scenario about the model store only. */
    public Pipeline startStore(Path baselineModels) throws IOException, InterruptedException {
        s3.start();
        try (S3Client client = s3Client()) {
            BaselineModels.seed(baselineModels, new S3BlobStore(client, bucket, S3Layout.MODELS));
        }
        return this;
    }

    /**
     * {@code stophack rollout ARGS...} against this pipeline's model store, with {@code moreEnv}
     * added to the parts' environment (the fault pause, for one).
     */
    public Child rollout(String name, Map<String, String> moreEnv, List<String> args) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(moreEnv);
        // the store's options belong to "rollout" itself, so they come before the subcommand
        List<String> cmd = new ArrayList<>(List.of("--models", "s3a://" + bucket + "/" + S3Layout.MODELS,
                "--s3-endpoint", s3Endpoint(), "--bucket", bucket));
        cmd.addAll(args);
        Child c = Child.start(launcher, name, log(name), all, "rollout", cmd);
        jobs.add(c);
        return c;
    }

    /** Another broker of its own (not started), for a run that must not share topics with this one. */
    public Service broker(String name) throws IOException {
        Service b = new Service(launcher, "kafka", folder.resolve(name), log(name), env, "kafka listening on");
        brokers.add(b);
        return b;
    }

    /** The bucket of this pipeline's outputs, checkpoints and models. */
    public String bucket() {
        return bucket;
    }

    public Service kafka() {
        return kafka;
    }

    public Service s3() {
        return s3;
    }

    public String bootstrap() {
        return bootstrap(kafka);
    }

    public static String bootstrap(Service broker) {
        return "127.0.0.1:" + broker.port();
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3.port();
    }

    public S3Client s3Client() {
        return S3Clients.create(s3Endpoint(), Defaults.EMBEDDED_S3_ACCESS_KEY, Defaults.EMBEDDED_S3_SECRET_KEY);
    }

    /** {@code stophack stream} against this pipeline's S3 and {@code broker}, with {@code args} added. */
    public Child stream(String name, Service broker, int metricsPort, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--bootstrap", bootstrap(broker), "--s3-endpoint", s3Endpoint(),
                "--bucket", bucket, "--metrics-port", String.valueOf(metricsPort), "--ui-port", "0"));
        all.addAll(args);
        Child job = Child.start(launcher, name, log(name), env, "stream", all);
        jobs.add(job);
        return job;
    }

    public Path log(String part) {
        return folder.resolve("logs").resolve(part + ".log");
    }

    /** A free loopback port, for a part's HTTP endpoint. */
    public static int freePort() throws IOException {
        return Service.freePort();
    }

    /** Stops whatever still runs: jobs first, then S3 and the brokers. */
    @Override
    public void close() throws InterruptedException {
        for (Child job : jobs) {
            if (job.alive()) {
                job.kill();
            }
        }
        s3.kill();
        for (Service b : brokers) {
            b.kill();
        }
    }
}
