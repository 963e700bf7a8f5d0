package dev.stophack.generate.weblog;

import dev.stophack.console.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic web access log like the seed's (EDGAR-style paths, a long tail of clients,
 * a daily rhythm: busiest at 15:00 UTC, quietest at 03:00, three to one) with planted incidents,
 * and the ground truth of those incidents beside it ({@link IncidentFile}).
 *
 * <p>Every second of the span gets a Poisson number of requests from the tail of clients, a few
 * crawlers walking the filings at a steady pace, and the lines of the incidents active then:
 * abusive hosts above the rate limit, URL-busting scanners below it, and error storms that answer
 * a share of all requests with one 5xx code. Normal clients stay far below the default rate limit
 * and answer 404 to about 3% of requests, so a clean log raises no alert. A tiny share of lines
 * is malformed, as real logs are. The same options and seed give the same bytes.
 */
public final class WeblogGenerator {
    public static final String LOG = "weblog.log";
    public static final String INCIDENTS = "weblog_incidents.csv";

    /** Crawlers' shares of the average request rate, each capped at {@link #CRAWLER_MAX_RATE}. */
    private static final double[] CRAWLER_SHARES = {0.05, 0.03, 0.02};
    static final double CRAWLER_MAX_RATE = 2.5;
    private static final long PROGRESS_FROM_LINES = 200_000;

    /**
     * What to generate.
     *
     * @param lines            about this many lines (the counts per second are random)
     * @param span             the log's length in time
     * @param start            its first second (UTC)
     * @param format           seed, common or combined
     * @param incidentsPerType incidents of each {@link IncidentType}
     * @param malformedShare   share of lines written broken (truncated, impossible date, bad status)
     * @param seed             everything follows from it
     */
    public record Options(long lines, Duration span, Instant start, LineFormat format, int incidentsPerType,
            double malformedShare, long seed) {
        public Options {
            if (lines < 0) {
                throw new IllegalArgumentException("the line count cannot be negative");
            }
            if (span.getSeconds() < 60) {
                throw new IllegalArgumentException("the log must span at least a minute");
            }
            if (incidentsPerType < 0) {
                throw new IllegalArgumentException("the incident count cannot be negative");
            }
            if (!(malformedShare >= 0 && malformedShare < 1)) {
                throw new IllegalArgumentException("the malformed share must be in [0, 1)");
            }
        }
    }

    /** What was written. */
    public record Summary(long lines, long malformed, List<Incident> incidents, Path log, Path groundTruth) {
    }

    private final Options options;

    public WeblogGenerator(Options options) {
        this.options = options;
    }

    /** Writes {@value #LOG} and {@value #INCIDENTS} into {@code dir}, creating it. */
    public Summary writeAll(Path dir, boolean showProgress) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(options.seed());
        Clients clients = new Clients(options.seed());
        List<Incident> incidents = IncidentPlan.plan(options.start(), options.span(), options.incidentsPerType(),
                random.split(), clients);
        Path log = dir.resolve(LOG);
        Path truth = dir.resolve(INCIDENTS);
        IncidentFile.write(truth, incidents);
        Progress progress = showProgress && options.lines() >= PROGRESS_FROM_LINES
                ? Progress.onStderr("weblog", options.lines()) : null;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), 1 << 16)) {
            LineWriter lines = new LineWriter(out, options.format(), new Requests(options.seed()), clients,
                    random.split(), options.malformedShare());
            write(lines, incidents, progress);
            lines.flush();
            if (progress != null) {
                progress.finish();
            }
            return new Summary(lines.written, lines.malformed, incidents, log, truth);
        }
    }

    private void write(LineWriter out, List<Incident> incidents, Progress progress) throws IOException {
        long first = options.start().getEpochSecond();
        long seconds = options.span().getSeconds();
        double average = (double) options.lines() / seconds;
        double[] crawlerRates = new double[CRAWLER_SHARES.length];
        double fixed = 0;
        for (int c = 0; c < crawlerRates.length; c++) {
            crawlerRates[c] = Math.min(CRAWLER_MAX_RATE, CRAWLER_SHARES[c] * average);
            fixed += crawlerRates[c] * seconds;
        }
        for (Incident i : incidents) {
            if (i.type() != IncidentType.ERROR_STORM) {
                fixed += i.intensity() * (i.end().getEpochSecond() - i.start().getEpochSecond());
            }
        }
        double rhythm = 0;
        for (long s = 0; s < seconds; s++) {
            rhythm += daily(first + s);
        }
        // what the crawlers and attackers do not send, the tail does, shaped by the daily rhythm
        double base = Math.max(0, options.lines() - fixed) / rhythm;
        SplittableRandom random = out.random;
        long crawled = 0;
        for (long s = 0; s < seconds; s++) {
            long now = first + s;
            long before = out.written;
            out.second(now);
            Incident storm = null;
            for (Incident i : incidents) {
                if (i.type() == IncidentType.ERROR_STORM && i.covers(now)) {
                    storm = i;
                }
            }
            for (int n = Draws.poisson(random, base * daily(now)); n > 0; n--) {
                out.tail(storm);
            }
            for (int c = 0; c < crawlerRates.length; c++) {
                for (int n = Draws.poisson(random, crawlerRates[c]); n > 0; n--) {
                    out.crawler(c, crawled++, storm);
                }
            }
            for (Incident i : incidents) {
                if (i.type() != IncidentType.ERROR_STORM && i.covers(now)) {
                    for (int n = Draws.poisson(random, i.intensity()); n > 0; n--) {
                        out.attacker(i);
                    }
                }
            }
            if (progress != null) {
                progress.advance(out.written - before);
            }
        }
    }

    /** The daily rhythm: 1.5 at 15:00 UTC, 0.5 at 03:00, 1 on average over a day. */
    static double daily(long epochSecond) {
        double hour = Math.floorMod(epochSecond, 86_400L) / 3600.0;
        return 1 + 0.5 * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    /** Formats and writes lines; one per request. */
    private static final class LineWriter {
        private final Writer out;
        private final LineFormat format;
        private final Requests requests;
        private final Clients clients;
        final SplittableRandom random;
        private final double malformedShare;
        private final StringBuilder line = new StringBuilder(256);
        /** Lines waiting to be written: one string per 64K characters instead of one per line. */
        private final StringBuilder chunk = new StringBuilder(1 << 17);
        private String time;
        /** Where the status starts in the line being written. */
        private int statusAt;
        long written;
        long malformed;

        LineWriter(Writer out, LineFormat format, Requests requests, Clients clients, SplittableRandom random,
                double malformedShare) {
            this.out = out;
            this.format = format;
            this.requests = requests;
            this.clients = clients;
            this.random = random;
            this.malformedShare = malformedShare;
        }

        void second(long epochSecond) {
            time = format.time(epochSecond);
        }

        void tail(Incident storm) throws IOException {
            int client = clients.nextTail(random);
            String method = Requests.method(random);
            int status = Requests.normalStatus(random);
            start(clients.tailName(client), method);
            if (status == 404) {
                requests.missingPath(random, line);
            } else {
                requests.popularPath(random, line);
            }
            finish(method, stormed(status, storm), client, Requests.browser(client));
        }

        void crawler(int crawler, long n, Incident storm) throws IOException {
            int status = random.nextInt(100) < 2 ? 404 : 200;
            start(clients.crawlerName(crawler), "GET");
            if (status == 404) {
                requests.missingPath(random, line);
            } else {
                requests.crawlPath(n * 7 + crawler, line);
            }
            finish("GET", stormed(status, storm), crawler, "Mozilla/5.0 (compatible; EdgarBot/" + (crawler + 1) + ".0)");
        }

        void attacker(Incident incident) throws IOException {
            if (incident.type() == IncidentType.URL_SCAN) {
                String method = random.nextInt(10) == 0 ? "HEAD" : "GET";
                start(incident.host(), method);
                requests.scanPath(random, line);
                finish(method, Requests.scanStatus(random), -1, "gobuster/3.6");
            } else {
                start(incident.host(), "GET");
                requests.popularPath(random, line);
                int status = Requests.normalStatus(random);
                finish("GET", status == 404 ? 200 : status, -1, "python-requests/2.31.0");
            }
        }

        private int stormed(int status, Incident storm) {
            return storm != null && random.nextDouble() < storm.intensity() ? storm.status() : status;
        }

        private void start(String host, String method) {
            line.setLength(0);
            line.append(host).append(" - - ").append(time).append(" \"").append(method).append(' ');
        }

        private void finish(String method, int status, int client, String agent) throws IOException {
            int p = random.nextInt(10);
            line.append(p < 7 ? " HTTP/1.1\" " : p < 9 ? " HTTP/1.0\" " : " HTTP/2.0\" ");
            statusAt = line.length();
            line.append(status).append(' ');
            Requests.bytes(random, method, status, line);
            if (format == LineFormat.COMBINED) {
                line.append(" \"").append(client < 0 || random.nextInt(5) < 3 ? "-"
                        : "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&start=" + client)
                        .append("\" \"").append(agent).append('"');
            }
            if (malformedShare > 0 && random.nextDouble() < malformedShare) {
                breakLine();
                malformed++;
            }
            line.append('\n');
            chunk.append(line);
            if (chunk.length() >= 1 << 16) {
                flush();
            }
            written++;
        }

        void flush() throws IOException {
            out.write(chunk.toString());
            chunk.setLength(0);
        }

        /** One of the ways real logs break: a line cut short, an impossible date, a status that is not a number. */
        private void breakLine() {
            switch (random.nextInt(3)) {
                case 0 -> line.setLength(line.indexOf("\"") + 1 + random.nextInt(8));
                case 1 -> {
                    int open = line.indexOf("[");
                    line.replace(open + 1, line.indexOf("]"), "2024-13-32 25:61:61");
                }
                default -> line.replace(statusAt, statusAt + 3, "2O0");
            }
        }
    }
}
