package dev.stophack.streaming.parse;

import dev.stophack.api.kafka.DeadLetter;

/**
 * Why a Kafka record could not become an event. The code starts the {@code reason} of every
 * dead letter ({@code "unparseable-number: CPU=\"12Q\""}), so operators can group by it.
 *
 * <p>Not reasons: blank sizes of processes that ended in the interval (CMD in angle brackets),
 * {@code -} and {@code OVFLOW}. atop prints those; they become nulls in a readable event.
 */
public enum DeadLetterReason {
    /** Not a JSON document: a syntax error, an empty value, trailing garbage. */
    NOT_JSON("not-json"),
    /** Bytes that are not UTF-8, which JSON text must be (a binary value, another encoding). */
    INVALID_UTF8("invalid-utf8"),
    /** JSON nested deeper than {@link EventParser#MAX_DEPTH} levels. */
    TOO_DEEP("too-deep"),
    /**
     * A number longer than {@link EventParser#MAX_NUMBER_CHARS} characters, or the text of a field
     * the job reads longer than {@link EventParser#MAX_TEXT_CHARS}.
     */
    TOO_LONG("too-long"),
    /** Valid JSON, but not an object (an array, a string, a number). */
    NOT_AN_OBJECT("not-an-object"),
    /** {@code ts}, {@code machine} or {@code PID} is absent, null or blank. */
    MISSING_FIELD("missing-field"),
    /** {@code ts}, {@code machine}, {@code PID} or {@code sequence} is not a (whole) number. */
    NOT_A_NUMBER("not-a-number"),
    /** A text field (CMD, POLI, Status, State) holds a JSON object or array. */
    WRONG_TYPE("wrong-type"),
    /** A measurement that is neither a number with an optional unit nor blank, {@code -} or {@code OVFLOW}. */
    UNPARSEABLE_NUMBER("unparseable-number"),
    /** Readable but impossible: a negative CPU or size, a negative id, {@code ts} far in the future. */
    ABSURD_VALUE("absurd-value");

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    /** The stable kebab-case code, e.g. {@code unparseable-number}. */
    public String code() {
        return code;
    }

    /**
     * The reason text of a dead letter: the code, a colon and what was wrong, cut to
     * {@link DeadLetter#MAX_REASON_CHARS} (a detail may quote the record).
     */
    public String describe(String detail) {
        String text = detail == null || detail.isEmpty() ? code : code + ": " + detail;
        if (text.length() <= DeadLetter.MAX_REASON_CHARS) {
            return text;
        }
        int end = DeadLetter.MAX_REASON_CHARS - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + "...";
    }
}
