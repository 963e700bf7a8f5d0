package dev.stophack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an embedded server keeps its data: the directory it was given (kept, so data survives a
 * restart), or a temporary one it created and removes on close.
 */
public final class DataDirectory {
    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code dir} made absolute and created if missing; or a fresh temporary directory when null. */
    public static DataDirectory of(Path dir, String tempPrefix) {
        try {
            if (dir == null) {
                return new DataDirectory(Files.createTempDirectory(tempPrefix), true);
            }
            Path absolute = dir.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            return new DataDirectory(absolute, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    public Path path() {
        return path;
    }

    public boolean temporary() {
        return temporary;
    }

    /** Deletes the directory if this object created it; a given directory is never touched. */
    public void release() {
        if (!temporary || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            // deepest first, so each directory is empty when its turn comes
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary directory " + path, e);
        }
    }

    @Override
    public String toString() {
        return temporary ? path + " (temporary)" : path.toString();
    }
}
