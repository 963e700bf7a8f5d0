package dev.stophack.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where Kafka is and how to talk to it: the bootstrap servers plus the client settings of
 * {@code --kafka-config} (security protocol, SASL, TLS, config providers ...), the same for every
 * client of an app: producers, consumers, admin clients, and Spark's Kafka source and sink (as
 * {@code kafka.}-prefixed options, so that executors get them without reading the file).
 *
 * <p>Serializable for Spark closures. {@link #toString()} names the protocol and mechanism, never
 * a setting's value: a JAAS line carries a password.
 */
public final class KafkaConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String bootstrap;
    private final TreeMap<String, String> settings;

    private KafkaConnection(String bootstrap, Map<String, String> settings) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap: no Kafka bootstrap servers given");
        }
        this.bootstrap = bootstrap.strip();
        this.settings = new TreeMap<>(settings);
    }

    /** A broker without security settings (the embedded one, tests). */
    public static KafkaConnection plaintext(String bootstrap) {
        return new KafkaConnection(bootstrap, Map.of());
    }

    /**
     * {@code bootstrap} with client settings already checked by {@link KafkaClientFile} (or built by
     * a test); a setting stophack owns is refused.
     */
    public static KafkaConnection of(String bootstrap, Map<String, String> settings) {
        KafkaClientFile.refuseOwned(settings, "Kafka client settings");
        return new KafkaConnection(bootstrap, settings);
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The client settings without the bootstrap servers, sorted by name. */
    public SortedMap<String, String> settings() {
        return Collections.unmodifiableSortedMap(settings);
    }

    /**
     * A new mutable map for a Kafka client's constructor: the client settings and
     * {@code bootstrap.servers}. The caller adds its own settings (serializers, group, tuning);
     * settings it puts before calling {@link #overlay(Map)} yield to the file's.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(settings);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /**
     * {@code tuning} (stophack's defaults for one client) overlaid with the file's settings and
     * the bootstrap servers: a file may change {@code linger.ms}, never where the client connects.
     */
    public Map<String, Object> overlay(Map<String, ?> tuning) {
        Map<String, Object> p = new HashMap<>(tuning);
        p.putAll(clientProperties());
        return p;
    }

    /** The settings as Spark Kafka source and sink options: {@code kafka.} + name, bootstrap included. */
    public Map<String, String> sparkOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrap);
        settings.forEach((k, v) -> options.put("kafka." + k, v));
        return options;
    }

    /** {@code security.protocol}, PLAINTEXT when not set. */
    public String securityProtocol() {
        return settings.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** {@code sasl.mechanism} when the protocol is a SASL one (GSSAPI, Kafka's default, when not set), else null. */
    public String saslMechanism() {
        return securityProtocol().toUpperCase(java.util.Locale.ROOT).startsWith("SASL")
                ? settings.getOrDefault("sasl.mechanism", "GSSAPI") : null;
    }

    /** {@code 127.0.0.1:9092 (SASL_SSL, SCRAM-SHA-512)}: for logs and errors. */
    public String describe() {
        String mechanism = saslMechanism();
        return bootstrap + " (" + securityProtocol() + (mechanism == null ? "" : ", " + mechanism) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaConnection k && k.bootstrap.equals(bootstrap) && k.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return bootstrap.hashCode() * 31 + settings.hashCode();
    }
}
