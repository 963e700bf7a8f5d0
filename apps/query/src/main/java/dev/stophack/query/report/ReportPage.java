package dev.stophack.query.report;

import dev.stophack.console.TextTable;
import dev.stophack.query.report.ReportData.Figures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code report.md}: the key figures as a table, then each chart with what it shows. */
public final class ReportPage {
    /** One chart of the page: its file, its heading and one sentence on how to read it. */
    public record Chart(String file, String title, String about) {
    }

    private ReportPage() {
    }

    public static String markdown(String source, Instant generated, Figures f, List<Chart> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# stophack report\n\n");
        md.append("From `").append(source).append("`, generated ").append(generated.truncatedTo(ChronoUnit.SECONDS))
          .append(" (times in UTC).\n\n");
        md.append("## Key figures\n\n");
        TextTable t = new TextTable("figure", "value");
        t.row("events (process / memory)", f.processEvents() + " / " + f.memoryEvents());
        t.row("event time", f.firstEvent() == null ? "-" : f.firstEvent() + " to " + f.lastEvent());
        t.row("machines", f.machines());
        t.row("events scored as attack", f.attackEvents());
        t.row("potential attacks (in windows with any)", f.potentialAttacks() + " (" + f.attackWindows()
                + " windows, " + f.machinesWithPotential() + " machines)");
        t.row("detected attacks", f.detectedAttacks() + " (" + f.machinesWithDetected() + " machines)");
        t.row("dead letters", f.deadLetters() + (f.topDeadLetterCode() == null ? "" : " (most: " + f.topDeadLetterCode() + ")"));
        t.row("process model versions that scored", f.processVersions());
        t.row("memory model versions that scored", f.memoryVersions());
        t.row("rollout decisions", f.decisions());
        md.append(t.markdown()).append('\n');
        for (Chart c : charts) {
            md.append("## ").append(c.title()).append("\n\n").append(c.about()).append("\n\n");
            md.append("![").append(c.title()).append("](").append(c.file()).append(")\n\n");
        }
        return md.toString();
    }
}
