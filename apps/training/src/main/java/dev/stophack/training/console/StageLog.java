package dev.stophack.training.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Console progress of a training: one line per finished stage with its row count and the time
 * since the job started, so a long run shows where it is and where the time went.
 */
public final class StageLog {
    private final PrintStream out;
    private final long started = System.nanoTime();
    private long stageStarted = started;

    public StageLog(PrintStream out) {
        this.out = out;
    }

    /** Marks the start of a stage (for its own duration). */
    public void begin(String scope, String stage) {
        stageStarted = System.nanoTime();
        out.printf(Locale.ROOT, "[%s] %s ...%n", scope, stage);
        out.flush();
    }

    /** A finished stage; {@code rows} below zero means "no row count". */
    public void done(String scope, String stage, long rows, String detail) {
        long now = System.nanoTime();
        String count = rows < 0 ? "" : String.format(Locale.ROOT, "%,d rows  ", rows);
        out.printf(Locale.ROOT, "[%s] %-22s %s%.1f s (elapsed %.1f s)%s%n", scope, stage, count,
                (now - stageStarted) / 1e9, (now - started) / 1e9, detail == null || detail.isEmpty() ? "" : "  " + detail);
        out.flush();
        stageStarted = now;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
