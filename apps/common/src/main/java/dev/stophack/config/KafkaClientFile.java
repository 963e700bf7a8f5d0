package dev.stophack.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the Kafka client settings of {@code --kafka-config} (a Java properties file) and checks
 * what can be checked before a client exists, each failure one line naming the file: a missing
 * or unreadable file, a setting stophack sets itself, a {@code ${provider:...}} reference to an
 * undeclared config provider, a provider class that the JVM's
 * {@value #AUTOMATIC_CONFIG_PROVIDERS} property does not allow.
 */
public final class KafkaClientFile {
    /**
     * Kafka 3.8+ system property (CVE-2024-31141): when set, only the config provider classes it
     * lists (comma-separated; {@code none} for none) may be instantiated from client settings.
     * Unset, Kafka 3.x allows all. Clients check it when they are created, on Spark executors
     * too, so we check it at start with the same rule.
     */
    public static final String AUTOMATIC_CONFIG_PROVIDERS = "org.apache.kafka.automatic.config.providers";

    /** Settings that are stophack's, with where they come from instead. */
    private static final Map<String, String> OWNED = owned();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]+):");

    private KafkaClientFile() {
    }

    private static Map<String, String> owned() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "use --bootstrap or STOPHACK_KAFKA_BOOTSTRAP");
        for (String side : new String[] {"key", "value"}) {
            m.put(side + ".serializer", "stophack sends bytes");
            m.put(side + ".deserializer", "stophack reads bytes");
        }
        m.put("group.id", "stophack names its consumer groups (the consumer's --group)");
        m.put("enable.auto.commit", "stophack commits offsets itself");
        m.put("auto.offset.reset", "stophack decides where reading starts");
        return m;
    }

    /** The file's settings, checked, sorted by name. */
    public static Map<String, String> read(Path file) {
        String where = "--kafka-config " + file;
        java.util.Properties properties = new java.util.Properties();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(where + ": is a directory, not a properties file");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(where + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(where + ": permission denied");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": cannot read it (" + e.getMessage() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> settings.put(k.strip(), properties.getProperty(k).strip()));
        check(settings, where, System.getProperty(AUTOMATIC_CONFIG_PROVIDERS));
        return settings;
    }

    /** Every check of {@link #read} but the file's own; {@code allowedProviders} is the system property's value. */
    static void check(Map<String, String> settings, String where, String allowedProviders) {
        refuseOwned(settings, where);
        Set<String> declared = Arrays.stream(settings.getOrDefault("config.providers", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Matcher m = VARIABLE.matcher(e.getValue());
            while (m.find()) {
                if (!declared.contains(m.group(1))) {
                    throw new IllegalArgumentException(where + ": " + e.getKey() + " refers to config provider '"
                            + m.group(1) + "', which config.providers does not declare");
                }
            }
        }
        Set<String> allowed = allowedProviders == null ? null
                : Arrays.stream(allowedProviders.split(",")).map(String::strip).collect(Collectors.toSet());
        for (String name : declared) {
            String key = "config.providers." + name + ".class";
            String type = settings.get(key);
            if (type == null || type.isEmpty()) {
                throw new IllegalArgumentException(where + ": config provider '" + name + "' has no " + key);
            }
            if (allowed != null && !allowed.contains(type)) {
                throw new IllegalArgumentException(where + ": config provider " + type + " is not allowed by -D"
                        + AUTOMATIC_CONFIG_PROVIDERS + "=" + allowedProviders + "; add it to that list (on Spark"
                        + " executors too: spark.executor.extraJavaOptions)");
            }
        }
    }

    static void refuseOwned(Map<String, String> settings, String where) {
        for (Map.Entry<String, String> owned : OWNED.entrySet()) {
            if (settings.containsKey(owned.getKey())) {
                throw new IllegalArgumentException(where + ": " + owned.getKey() + " is set by stophack ("
                        + owned.getValue() + ")");
            }
        }
    }
}
