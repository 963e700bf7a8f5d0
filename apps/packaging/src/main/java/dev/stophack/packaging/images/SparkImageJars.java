package dev.stophack.packaging.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Picks the jars a Spark job image adds to the official Spark image: those of the app's
 * {@code target/lib/} whose library the distribution's {@code /opt/spark/jars} does not hold at
 * any version. A library the distribution has stays the distribution's, even at another version,
 * so that no class is ever on the classpath twice. Run by the first stage of
 * {@code apps/streaming/Dockerfile} and {@code apps/training/Dockerfile}:
 * {@code java -cp stophack-packaging.jar dev.stophack.packaging.images.SparkImageJars LIB DIST OUT}.
 */
public final class SparkImageJars {
    private SparkImageJars() {
    }

    /** A library of the app and what the distribution holds of it, if anything. */
    public record Choice(JarIdentity lib, Optional<JarIdentity> provided) {
        public boolean added() {
            return provided.isEmpty();
        }
    }

    public static List<Choice> choose(List<JarIdentity> lib, List<JarIdentity> distribution) {
        List<Choice> out = new ArrayList<>();
        for (JarIdentity j : lib) {
            out.add(new Choice(j, distribution.stream().filter(j::sameLibrary).findFirst()));
        }
        return out;
    }

    public static List<JarIdentity> read(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<JarIdentity> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                out.add(JarIdentity.of(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jars of " + dir, e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SparkImageJars APP_LIB_DIR SPARK_JARS_DIR OUT_DIR");
            System.exit(2);
        }
        Path lib = Path.of(args[0]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        int added = 0;
        for (Choice c : choose(read(lib), read(Path.of(args[1])))) {
            if (c.added()) {
                Files.copy(lib.resolve(c.lib().file()), out.resolve(c.lib().file()), StandardCopyOption.REPLACE_EXISTING);
                added++;
            } else if (!c.provided().get().file().equals(c.lib().file())) {
                // worth seeing in the build log: the job runs with the distribution's version
                System.out.println("the distribution's " + c.provided().get().file() + " stands in for " + c.lib().file());
            }
        }
        System.out.println(added + " jars added to the Spark distribution");
    }
}
