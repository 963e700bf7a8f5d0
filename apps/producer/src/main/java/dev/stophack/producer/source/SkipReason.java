package dev.stophack.producer.source;

/** Why a CSV row was left out. Each reason is counted, none stops the producer. */
public enum SkipReason {
    /** The row has more or fewer fields than the header: a broken line. */
    FIELD_COUNT("field_count"),
    /** The {@code machine} cell is blank: the row has no key. */
    NO_MACHINE("no_machine"),
    /** The {@code sequence} cell is not a whole number: the row cannot be ordered. */
    BAD_SEQUENCE("bad_sequence"),
    /** A quoted field runs to the end of the file. */
    UNCLOSED_QUOTE("unclosed_quote");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** The metric label and log word for this reason. */
    public String label() {
        return label;
    }
}
