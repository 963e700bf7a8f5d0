package dev.stophack.console;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work on the console: a redrawn bar on a terminal, a line every 10% when the
 * output is a log. Cheap to call per item.
 */
public final class Progress {
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long step;
    private long nextReport;
    private long done;
    private long printed = -1;

    public Progress(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = terminal;
        this.step = Math.max(1, this.total / (terminal ? 100 : 10));
        this.nextReport = step;
    }

    /** A bar on stderr, redrawn in place when stderr is a terminal. */
    public static Progress onStderr(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null);
    }

    public void advance(long n) {
        done += n;
        if (done >= nextReport) {
            nextReport += step;
            print(false);
        }
    }

    public void finish() {
        if (printed != done || terminal) {
            print(true);
        }
    }

    private void print(boolean last) {
        printed = done;
        double seconds = (System.nanoTime() - started) / 1e9;
        double fraction = Math.min(1.0, (double) done / total);
        String rate = String.format(Locale.ROOT, "%,.0f/s", done / Math.max(seconds, 1e-3));
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%% %,d %s %.1fs%s", label, "#".repeat(filled),
                    " ".repeat(WIDTH - filled), fraction * 100, done, rate, seconds, last ? "\n" : "");
        } else {
            out.printf(Locale.ROOT, "%s %3.0f%% %,d rows %s %.1fs%n", label, fraction * 100, done, rate, seconds);
        }
        out.flush();
    }
}
