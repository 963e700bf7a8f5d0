package dev.stophack.generate.weblog;

import java.util.SplittableRandom;

/**
 * What clients ask for and what the site answers, in the shape of the SEC's EDGAR logs: filing
 * folders and index pages under {@code /Archives/edgar/data/<CIK>/<accession>/}, popular filings
 * asked for far more often than the rest.
 */
final class Requests {
    /** Filings that exist; popularity is Zipf over them. */
    static final int FILINGS = 200_000;

    private static final String[] SCAN_DIRS = {"", "admin/", "backup/", "wp-admin/", "cgi-bin/", ".git/", "api/v1/",
        "Archives/edgar/", "old/", "test/", "phpmyadmin/", "include/"};
    private static final String[] SCAN_WORDS = {"config", "login", "passwd", "index", "db", "dump", "shell", "upload",
        "setup", "install", "secret", "env", "debug", "console", "server-status", "users"};
    private static final String[] SCAN_EXTS = {"", ".php", ".bak", ".old", ".zip", ".sql", ".txt", ".asp", ".jsp", "~"};
    private static final String[] BROWSERS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "curl/8.5.0", "Java/17.0.10"};

    private final long seed;
    private final Draws.Zipf popularity = new Draws.Zipf(FILINGS, 1.05);
    private long scanCounter;

    Requests(long seed) {
        this.seed = seed;
    }

    /** A filing of the site, popular ones more often. */
    void popularPath(SplittableRandom random, StringBuilder out) {
        filing(popularity.next(random), random.nextInt(4), out);
    }

    /** Filing number {@code n} in order, as a crawler walks them. */
    void crawlPath(long n, StringBuilder out) {
        filing(n % FILINGS, (int) (n % 3), out);
    }

    /** A filing that does not exist (a stale link): answered 404. */
    void missingPath(SplittableRandom random, StringBuilder out) {
        filing(FILINGS + random.nextInt(1_000_000), 0, out);
    }

    private void filing(long i, int variant, StringBuilder out) {
        long h = Draws.mix(seed, i);
        long cik = 1_000 + Math.floorMod(h, 1_900_000L);
        long accession = Math.floorMod(Draws.mix(h, 7), 1_000_000_000_000_000_000L);
        out.append("/Archives/edgar/data/").append(cik).append('/');
        String acc = eighteenDigits(accession);
        switch (variant) {
            case 1 -> out.append(acc).append('/').append(acc, 0, 10).append('-').append(acc, 10, 12).append('-')
                    .append(acc, 12, 18).append("-index.htm");
            case 2 -> out.append(acc, 0, 10).append('-').append(acc, 10, 12).append('-').append(acc, 12, 18).append(".txt");
            default -> out.append(acc).append('/');
        }
    }

    private static String eighteenDigits(long v) {
        char[] digits = new char[18];
        for (int i = 17; i >= 0; i--) {
            digits[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(digits);
    }

    /** A path a URL-busting scanner tries: each one new. */
    void scanPath(SplittableRandom random, StringBuilder out) {
        long n = scanCounter++;
        out.append('/').append(SCAN_DIRS[random.nextInt(SCAN_DIRS.length)])
                .append(SCAN_WORDS[random.nextInt(SCAN_WORDS.length)]);
        if (n % 3 != 0) {
            out.append(n);
        }
        out.append(SCAN_EXTS[random.nextInt(SCAN_EXTS.length)]);
    }

    /** The status of an ordinary request: mostly 200, some redirects and not-modified, a few errors. */
    static int normalStatus(SplittableRandom random) {
        double x = random.nextDouble();
        if (x < 0.880) {
            return 200;
        } else if (x < 0.930) {
            return 304;
        } else if (x < 0.945) {
            return 301;
        } else if (x < 0.955) {
            return 302;
        } else if (x < 0.985) {
            return 404;
        } else if (x < 0.992) {
            return 403;
        } else if (x < 0.997) {
            return 500;
        }
        return 503;
    }

    /** The status a scanner gets: mostly 404, some 403 and redirects, a few hits. */
    static int scanStatus(SplittableRandom random) {
        double x = random.nextDouble();
        return x < 0.90 ? 404 : x < 0.95 ? 403 : x < 0.97 ? 301 : 200;
    }

    static String method(SplittableRandom random) {
        double x = random.nextDouble();
        return x < 0.95 ? "GET" : x < 0.99 ? "HEAD" : "POST";
    }

    /** Response bytes; {@code -} where Apache writes it: nothing sent (304, HEAD). */
    static void bytes(SplittableRandom random, String method, int status, StringBuilder out) {
        if (status == 304 || method.equals("HEAD")) {
            out.append('-');
        } else if (status == 200) {
            out.append(500 + (long) Math.exp(8 + 1.5 * Draws.gaussian(random)) % 5_000_000);
        } else if (status >= 500) {
            out.append(300 + random.nextInt(300));
        } else if (status == 404) {
            out.append(300 + random.nextInt(700));
        } else {
            out.append(200 + random.nextInt(100));
        }
    }

    static String browser(int client) {
        return BROWSERS[Math.floorMod(client, BROWSERS.length)];
    }

    static String referer(SplittableRandom random, long cik) {
        return random.nextInt(5) < 3 ? "-" : "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=" + cik;
    }
}
