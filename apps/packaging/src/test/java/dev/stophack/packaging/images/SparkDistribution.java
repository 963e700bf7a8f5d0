package dev.stophack.packaging.images;

import dev.stophack.packaging.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Spark distribution's jars as apps/packaging/spark-distribution resolved them (see its pom). */
final class SparkDistribution {
    private static final Path LIST = Repo.ROOT.resolve("apps/packaging/spark-distribution/target/spark-distribution.txt");
    // "   group:artifact:jar[:classifier]:version:scope -- module ..."
    private static final Pattern LINE = Pattern.compile(
            "^\\s+([^:\\s]+):([^:\\s]+):jar(?::([^:\\s]+))?:([^:\\s]+):(compile|runtime)\\b.*$");

    private SparkDistribution() {
    }

    static List<JarIdentity> jars() {
        try {
            List<JarIdentity> out = new ArrayList<>();
            for (String line : Files.readAllLines(LIST)) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    String file = m.group(2) + "-" + m.group(4) + (m.group(3) == null ? "" : "-" + m.group(3)) + ".jar";
                    out.add(new JarIdentity(m.group(1), m.group(2), m.group(4), m.group(3), file));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("no " + LIST + ": build apps/packaging/spark-distribution first", e);
        }
    }
}
