package dev.stophack.generate.weblog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ground truth of a generated log: one CSV line per incident,
 * {@code type,start,end,host,status,intensity}, times ISO-8601 UTC, the interval's end exclusive.
 * Detection-quality measurements read it back with {@link #read}.
 */
public final class IncidentFile {
    public static final String HEADER = "type,start,end,host,status,intensity";

    private IncidentFile() {
    }

    public static void write(Path file, List<Incident> incidents) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (Incident i : incidents) {
                out.write(String.join(",", i.type().id(), i.start().toString(), i.end().toString(),
                        i.host() == null ? "" : i.host(), i.status() == 0 ? "" : String.valueOf(i.status()),
                        String.format(Locale.ROOT, "%.3f", i.intensity())));
                out.write('\n');
            }
        }
    }

    public static List<Incident> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a ground-truth file (expected the header " + HEADER + ")");
        }
        List<Incident> incidents = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                throw new IOException(file + " line " + (n + 1) + ": expected 6 fields, got " + f.length);
            }
            incidents.add(new Incident(IncidentType.of(f[0]), Instant.parse(f[1]), Instant.parse(f[2]),
                    f[3].isEmpty() ? null : f[3], f[4].isEmpty() ? 0 : Integer.parseInt(f[4]), Double.parseDouble(f[5])));
        }
        return incidents;
    }
}
