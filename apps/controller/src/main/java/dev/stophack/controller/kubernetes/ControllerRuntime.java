package dev.stophack.controller.kubernetes;

import dev.stophack.config.S3Options;
import dev.stophack.controller.decide.RateWindow;
import dev.stophack.controller.observe.ControllerMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Java Operator SDK set up for stophack: one reconciler for ModelRollouts, status patched by
 * merge (no server-side apply, which neither every API server version nor fabric8's mock offers
 * for custom resources), an optional leader election.
 */
public final class ControllerRuntime implements AutoCloseable {
    private final Operator operator;
    private final boolean ownsClient;
    private final KubernetesClient client;

    /**
     * @param client    the API server's client; null to build one from the pod or kubeconfig
     * @param stores    opens the model stores the rollouts name
     * @param namespace the namespace to watch; null for all
     * @param lease     the leader election's Lease name; null for none
     */
    public record Options(KubernetesClient client, ModelStores stores, String namespace, String lease) {
        public static Options inCluster(S3Options s3, Clock clock, String namespace, String lease) {
            return new Options(null, ModelStores.withS3(s3, clock), namespace, lease);
        }
    }

    private ControllerRuntime(Operator operator, KubernetesClient client, boolean ownsClient) {
        this.operator = operator;
        this.client = client;
        this.ownsClient = ownsClient;
    }

    public static ControllerRuntime start(Options options, Supplier<List<RateWindow>> rates, ControllerMetrics metrics,
            Clock clock) {
        boolean owns = options.client() == null;
        KubernetesClient client = owns ? new KubernetesClientBuilder().build() : options.client();
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true)
                    .withCacheSyncTimeout(Duration.ofMinutes(1));
            if (options.lease() != null) {
                LeaderElectionConfigurationBuilder election = LeaderElectionConfigurationBuilder
                        .aLeaderElectionConfiguration(options.lease());
                if (options.namespace() != null) {
                    election.withLeaseNamespace(options.namespace());
                }
                o.withLeaderElectionConfiguration(election.build());
            }
        });
        RolloutReconciler reconciler = new RolloutReconciler(options.stores(), rates, metrics, clock);
        operator.register(reconciler, c -> {
            if (options.namespace() != null) {
                c.settingNamespace(options.namespace());
            }
        });
        operator.start();
        return new ControllerRuntime(operator, client, owns);
    }

    /** Null while the operator runs; else why not (for {@code /healthz}). */
    public String problem() {
        return operator.getRuntimeInfo().isStarted() ? null : "the operator is not running";
    }

    @Override
    public void close() {
        operator.stop();
        if (ownsClient) {
            client.close();
        }
    }

}
