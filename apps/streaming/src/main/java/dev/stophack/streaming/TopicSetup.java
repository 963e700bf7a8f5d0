package dev.stophack.streaming;

import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import dev.stophack.kafka.AccessDenied;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the job's internal topics when they are missing (a cluster may also declare them).
 * Runs before any query: Kafka refusing the job's login stops the job here, with one line,
 * instead of every query failing and restarting.
 */
final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    static void ensure(KafkaConnection kafka, List<String> topics) {
        try (Admin admin = Admin.create(kafka.overlay(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "stophack-stream-topics")))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(Topics.DEFAULT_PARTITIONS), Optional.empty()).configs(Topics.config(t)))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("created topic(s) {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicAuthorizationException
                    || e.getCause() instanceof org.apache.kafka.common.errors.ClusterAuthorizationException) {
                // may read and write, may not create: the cluster declares the topic (Strimzi KafkaTopic)
                LOG.warn("not allowed to create {} ({}); relying on the cluster to have it", topics, e.getCause().getMessage());
                return;
            }
            AccessDenied.rethrow(kafka, e);
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("cannot create {} ({}); relying on the broker to create it", topics, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Kafka at {} did not answer in 30 s while checking {}; going on", kafka.bootstrap(), topics);
        }
    }
}
