package dev.stophack.generate.weblog;

import java.util.SplittableRandom;

/** The random draws the generator needs beyond {@link SplittableRandom}'s own. */
final class Draws {
    private Draws() {
    }

    /** A Poisson count with mean {@code mean}: exact below 30, the normal approximation above. */
    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int n = 0;
            while (product > limit) {
                product *= random.nextDouble();
                n++;
            }
            return n;
        }
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller; one of the pair is enough here
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** A stable 64-bit mix of {@code a} and {@code b} (SplitMix64's finaliser): names from indexes. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Zipf over {@code 0..n-1}, index {@code i} with weight about {@code 1 / (i + 1)^exponent}: the
     * inverse of the continuous distribution's CDF, one {@code pow} per draw instead of a search
     * through a table of {@code n} weights.
     */
    static final class Zipf {
        private final int n;
        private final double exponent;
        private final double span;

        Zipf(int n, double exponent) {
            if (n < 1 || !(exponent > 0) || exponent == 1) {
                throw new IllegalArgumentException("Zipf needs n >= 1 and an exponent > 0 other than 1");
            }
            this.n = n;
            this.exponent = exponent;
            this.span = Math.pow(n + 1, 1 - exponent) - 1;
        }

        int next(SplittableRandom random) {
            double x = Math.pow(1 + span * random.nextDouble(), 1 / (1 - exponent));
            return Math.min(n - 1, (int) x - 1);
        }

        /** The share of all draws that index {@code i} gets. */
        double share(int i) {
            return (Math.pow(i + 2, 1 - exponent) - Math.pow(i + 1, 1 - exponent)) / span;
        }
    }
}
