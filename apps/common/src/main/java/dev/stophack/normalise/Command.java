package dev.stophack.normalise;

/**
 * A CMD value. atop shows a process that ended during the interval as {@code <name>}; we keep
 * the raw text (it is what the models were trained on) plus the bare name and an ended flag.
 *
 * @param raw   the value as reported, e.g. {@code <kworker>}
 * @param name  the name without angle brackets, e.g. {@code kworker}
 * @param ended whether the process ended in the interval
 */
public record Command(String raw, String name, boolean ended) {

    public static Command of(String raw) {
        if (raw == null) {
            return new Command(null, null, false);
        }
        String t = raw.strip();
        if (t.length() >= 2 && t.charAt(0) == '<' && t.charAt(t.length() - 1) == '>') {
            return new Command(raw, t.substring(1, t.length() - 1), true);
        }
        return new Command(raw, t, false);
    }
}
