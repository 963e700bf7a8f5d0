package dev.stophack.streaming.weblog.detect;

import java.io.Serializable;
import java.util.TreeSet;

/**
 * One host's requests in one surge window so far: all of them, those answered 404, and the
 * distinct paths of those (exact: a scan's alert names their number). Public fields, so that the
 * open windows are stored as they are between micro-batches.
 */
public final class HostTally implements Serializable {
    private static final long serialVersionUID = 1L;

    public long requests;
    public long notFound;
    /** Distinct paths answered 404; null while there is none (most hosts). */
    public TreeSet<String> paths;

    /** One more request answered 404, for {@code path} (null: a request without one), already counted in {@link #requests}. */
    void addNotFound(String path) {
        notFound++;
        if (path != null) {
            if (paths == null) {
                paths = new TreeSet<>();
            }
            paths.add(path);
        }
    }

    HostTally merge(HostTally other) {
        requests += other.requests;
        notFound += other.notFound;
        if (other.paths != null) {
            if (paths == null) {
                paths = new TreeSet<>();
            }
            paths.addAll(other.paths);
        }
        return this;
    }

    long distinctPaths() {
        return paths == null ? 0 : paths.size();
    }

    HostTally copy() {
        HostTally c = new HostTally();
        return c.merge(this);
    }
}
