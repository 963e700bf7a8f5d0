package dev.stophack.producer.schedule;

import java.util.random.RandomGenerator;

/** An inclusive range of row counts, drawn from uniformly. */
public record Bounds(int min, int max) {
    public Bounds {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bounds must satisfy 0 <= min <= max, got " + min + ".." + max);
        }
    }

    /** A count in [min, max], each equally likely. */
    public int draw(RandomGenerator random) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }

    /** Parses {@code MIN..MAX} or a single {@code N}. */
    public static Bounds parse(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                int n = Integer.parseInt(t);
                return new Bounds(n, n);
            }
            return new Bounds(Integer.parseInt(t.substring(0, dots).strip()), Integer.parseInt(t.substring(dots + 2).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not MIN..MAX or N");
        }
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
