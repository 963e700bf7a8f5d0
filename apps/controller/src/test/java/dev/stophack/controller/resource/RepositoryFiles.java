package dev.stophack.controller.resource;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the module the tests run in. */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("stophack")) && Files.exists(dir.resolve("pom.xml"))
                && Files.isDirectory(dir.resolve("apps")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the stophack repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The CRDs the build generated from the resource classes. */
    public static Path generatedCrds() {
        return root().resolve("apps/controller/target/classes/META-INF/fabric8");
    }

    public static Path committedCrds() {
        return root().resolve("k8s/crds");
    }
}
