package dev.stophack.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the checks read (tests run in apps/packaging). */
public final class Repo {
    public static final Path ROOT = findRoot();
    public static final Path CHART = ROOT.resolve("helm/stophack");

    private Repo() {
    }

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("stophack"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root (with ./stophack) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
