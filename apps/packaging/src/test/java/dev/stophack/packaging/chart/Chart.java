package dev.stophack.packaging.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.stophack.packaging.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real helm, in-process (helm-java), on helm/stophack: template with values, and lint. helm-java's
 * lint takes no values, so a variant is linted on a copy of the chart whose values.yaml is the
 * defaults merged with the variant.
 */
public final class Chart {
    public static final String RELEASE = "stophack";
    public static final String NAMESPACE = "stophack";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    /** helm template with the defaults overridden by {@code values} (a nested map). */
    public static String template(Map<String, Object> values) {
        Path file = writeTemp(values);
        try {
            return new Helm(Repo.CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withValuesFile(file).call();
        } finally {
            delete(file);
        }
    }

    /** helm template with a values file, as a user runs it. */
    public static String template(Path valuesFile) {
        return new Helm(Repo.CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(valuesFile).call();
    }

    /** helm lint --strict of the chart with {@code values} merged into its defaults. */
    public static LintResult lint(Map<String, Object> values) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("stophack-chart");
            Path target = copy.resolve("stophack");
            copyTree(Repo.CHART, target);
            Map<String, Object> merged = merge(defaults(), values);
            YAML.writeValue(target.resolve("values.yaml").toFile(), merged);
            return new Helm(target).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                delete(copy);
            }
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> defaults() {
        try {
            return YAML.readValue(Repo.CHART.resolve("values.yaml").toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            Object b = out.get(k);
            if (b instanceof Map && v instanceof Map) {
                out.put(k, merge((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {"a.b.c": v} as the nested map {a: {b: {c: v}}}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> values(Object... pathsAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            String[] keys = ((String) pathsAndValues[i]).split("\\.");
            Map<String, Object> m = out;
            for (int k = 0; k < keys.length - 1; k++) {
                m = (Map<String, Object>) m.computeIfAbsent(keys[k], x -> new LinkedHashMap<String, Object>());
            }
            m.put(keys[keys.length - 1], pathsAndValues[i + 1]);
        }
        return out;
    }

    private static Path writeTemp(Map<String, Object> values) {
        try {
            Path f = Files.createTempFile("stophack-values", ".yaml");
            YAML.writeValue(f.toFile(), values);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path p) {
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
