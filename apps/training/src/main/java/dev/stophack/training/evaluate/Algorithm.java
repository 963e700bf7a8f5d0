package dev.stophack.training.evaluate;

import java.util.List;
import java.util.Locale;

/** The classifiers training can fit; {@code best} on the command line means all of {@link #CANDIDATES}. */
public enum Algorithm {
    DT("dt", "DecisionTree"),
    GBT("gbt", "GradientBoostedTrees"),
    RF("rf", "RandomForest");

    /** What {@code --algorithm best} fits and compares. */
    public static final List<Algorithm> CANDIDATES = List.of(DT, GBT, RF);

    private final String id;
    private final String title;

    Algorithm(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** {@code dt}, {@code gbt} or {@code rf}, any case. */
    public static Algorithm of(String text) {
        for (Algorithm a : values()) {
            if (a.id.equals(text.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + text + "' (expected dt, gbt, rf or best)");
    }

    @Override
    public String toString() {
        return id;
    }
}
