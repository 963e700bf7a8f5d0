package dev.stophack.packaging.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * The fields of sparkoperator.k8s.io/v1beta2 SparkApplication and ScheduledSparkApplication that
 * stophack sets, named and typed as the spark-operator's v1beta2 API reference gives them (the
 * types of api/v1beta2 in kubeflow/spark-operator 2.2). Anything else is refused when parsing:
 * a field the chart sets but this model lacks is a typo or needs adding here, from the reference.
 */
public final class SparkApplicationModel {
    private SparkApplicationModel() {
    }

    public record SparkApplication(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {
    }

    public record ScheduledSparkApplication(String apiVersion, String kind, ObjectMeta metadata, ScheduledSpec spec) {
    }

    /** ScheduledSparkApplicationSpec. */
    public record ScheduledSpec(String schedule, String timeZone, Spec template, Boolean suspend,
            ConcurrencyPolicy concurrencyPolicy, Integer successfulRunHistoryLimit, Integer failedRunHistoryLimit) {
    }

    public enum ConcurrencyPolicy { Allow, Forbid, Replace }

    public enum Type { Java, Scala, Python, R }

    public enum Mode { cluster, client }

    /** SparkApplicationSpec. */
    public record Spec(Type type, String sparkVersion, Mode mode, String image, String imagePullPolicy,
            List<String> imagePullSecrets, String mainClass, String mainApplicationFile, List<String> arguments,
            Map<String, String> sparkConf, Map<String, String> hadoopConf, List<Volume> volumes, Driver driver,
            Executor executor, RestartPolicy restartPolicy, Map<String, String> nodeSelector,
            Long timeToLiveSeconds) {
    }

    public enum RestartPolicyType { Never, Always, OnFailure }

    /** RestartPolicy. */
    public record RestartPolicy(RestartPolicyType type, Integer onSubmissionFailureRetries, Integer onFailureRetries,
            Long onSubmissionFailureRetryInterval, Long onFailureRetryInterval) {
    }

    /** DriverSpec: SparkPodSpec inline plus the driver's own fields. */
    public record Driver(Integer cores, String coreLimit, String memory, String memoryOverhead, String image,
            List<EnvVar> env, Map<String, String> labels, Map<String, String> annotations,
            List<VolumeMount> volumeMounts, PodSecurityContext podSecurityContext, SecurityContext securityContext,
            Map<String, String> nodeSelector, String serviceAccount, String coreRequest, String javaOptions,
            List<Port> ports) {
    }

    /** ExecutorSpec: SparkPodSpec inline plus the executor's own fields. */
    public record Executor(Integer cores, String coreLimit, String memory, String memoryOverhead, String image,
            List<EnvVar> env, Map<String, String> labels, Map<String, String> annotations,
            List<VolumeMount> volumeMounts, PodSecurityContext podSecurityContext, SecurityContext securityContext,
            Map<String, String> nodeSelector, String serviceAccount, Integer instances, String coreRequest,
            String javaOptions, Boolean deleteOnTermination) {
    }

    /** Port: all three fields are required by the reference. */
    public record Port(String name, String protocol, Integer containerPort) {
    }
}
