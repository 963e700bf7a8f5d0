package dev.stophack.controller;

import dev.stophack.config.KafkaOptions;
import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.controller.evidence.AttackRates;
import dev.stophack.controller.kubernetes.ControllerRuntime;
import dev.stophack.controller.observe.ControllerMetrics;
import dev.stophack.observe.HttpEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stophack controller}: the rollout controller in a cluster. Watches ModelVersion and
 * ModelRollout resources and rolls model versions out to the streaming job through the model
 * store, with leader election so that two replicas never both decide.
 */
@Command(name = "stophack controller", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "The Kubernetes rollout controller: gates, shadows, promotes and rolls back model versions of the "
                + "streaming job (ModelVersion and ModelRollout resources, group stophack.dev).")
public final class ControllerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerCommand.class);

    @Mixin
    S3Options s3;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:STOPHACK_NAMESPACE}",
            description = "The namespace to watch (env STOPHACK_NAMESPACE); all namespaces when not set.")
    String namespace;

    @Option(names = "--leader-election", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Take a Lease before acting, so that of several replicas only one decides.")
    boolean leaderElection;

    @Option(names = "--lease", paramLabel = "NAME", defaultValue = "stophack-controller",
            description = "The Lease of the leader election.")
    String lease;

    @Option(names = "--no-rates", description = "Do not read attack-counts from Kafka: no automatic rollback.")
    boolean noRates;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1", description = "Address of /metrics and /healthz (0.0.0.0 in a pod).")
    String metricsHost;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9466", description = "Port of /metrics and /healthz; 0 for none.")
    int metricsPort;

    public static void main(String[] args) {
        System.exit(CommandMain.run(new ControllerCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        ControllerMetrics metrics = new ControllerMetrics();
        CountDownLatch stopped = new CountDownLatch(1);
        try (AttackRates rates = noRates ? null : AttackRates.start(kafka.connection(), clock);
                ControllerRuntime runtime = ControllerRuntime.start(ControllerRuntime.Options.inCluster(s3, clock, namespace,
                leaderElection ? lease : null), rates == null ? List::of : rates, metrics, clock);
                HttpEndpoint http = metricsPort == 0 ? null
                        : HttpEndpoint.start(metricsHost, metricsPort, metrics::scrape, runtime::problem)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "controller-shutdown"));
            LOG.info("watching ModelRollouts and ModelVersions in {}{}{}", namespace == null ? "all namespaces" : namespace,
                    leaderElection ? " (leader election on Lease " + lease + ")" : "",
                    http == null ? "" : "; metrics on http://" + metricsHost + ":" + http.port() + "/metrics");
            stopped.await();
        }
        return 0;
    }
}
