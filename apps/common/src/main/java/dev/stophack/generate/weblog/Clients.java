package dev.stophack.generate.weblog;

import java.util.SplittableRandom;

/**
 * The clients of the synthetic site: a long tail of people (Zipf, so a few are busy and most ask
 * once in a while), a few crawlers at a steady rate, and, apart, the planted attackers. Names
 * are addresses derived from the index, so the same seed gives the same clients; about one in
 * twenty is IPv6. Attackers come from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32), which no normal client uses.
 */
final class Clients {
    /** Clients in the tail. */
    static final int TAIL = 30_000;
    /**
     * Zipf exponent of the tail: the busiest client gets about 3% of the tail's requests, so even at
     * the daily peak of a 2M-line, 12-hour log it stays near 2 requests a second, far below a rate
     * limit of 10 a second.
     */
    static final double TAIL_EXPONENT = 0.8;
    static final int CRAWLERS = 3;

    private final long seed;
    private final Draws.Zipf tail = new Draws.Zipf(TAIL, TAIL_EXPONENT);
    private final String[] tailNames = new String[TAIL];
    private final String[] crawlerNames = new String[CRAWLERS];
    private int attackers;

    Clients(long seed) {
        this.seed = seed;
        for (int i = 0; i < TAIL; i++) {
            tailNames[i] = address(Draws.mix(seed, i), i % 20 == 7);
        }
        for (int i = 0; i < CRAWLERS; i++) {
            crawlerNames[i] = address(Draws.mix(seed ^ 0x5EED, i), false);
        }
    }

    /** A client of the tail, busy ones more often; returns its index. */
    int nextTail(SplittableRandom random) {
        return tail.next(random);
    }

    String tailName(int index) {
        return tailNames[index];
    }

    String crawlerName(int index) {
        return crawlerNames[index];
    }

    /** The share of the tail's requests that its busiest client sends. */
    double busiestShare() {
        return tail.share(0);
    }

    /** A fresh attacker address, never one of the site's clients. */
    String nextAttacker() {
        int n = attackers++;
        long h = Draws.mix(seed ^ 0xBAD, n);
        return switch (n % 4) {
            case 0 -> "203.0.113." + (1 + (h & 0x7F));
            case 1 -> "198.51.100." + (1 + (h & 0x7F));
            case 2 -> "2001:db8:bad:" + Long.toHexString((h >>> 8) & 0xFFFF) + "::" + Long.toHexString(1 + (h & 0xFF));
            default -> "192.0.2." + (1 + (h & 0x7F));
        };
    }

    private static String address(long h, boolean v6) {
        if (v6) {
            return String.format("2a0%x:%x:%x::%x", (h >>> 60) & 0x7, (h >>> 40) & 0xFFFF, (h >>> 24) & 0xFFFF, h & 0xFFFF);
        }
        int a = (int) ((h >>> 24) & 0xFF);
        // public unicast only: no 0, 10, 127, 169.254, 172.16/12, 192.168, multicast or reserved, nor the attackers' ranges
        a = 1 + a % 223;
        if (a == 10 || a == 127 || a == 169 || a == 172 || a == 192 || a == 198 || a == 203) {
            a = a + 1;
        }
        return a + "." + ((h >>> 16) & 0xFF) + "." + ((h >>> 8) & 0xFF) + "." + (1 + (h & 0xFF) % 254);
    }
}
