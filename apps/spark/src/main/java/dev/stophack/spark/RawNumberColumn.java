package dev.stophack.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.stophack.normalise.RawNumber;
import org.apache.spark.sql.Column;

/**
 * {@link RawNumber}'s rule as Spark column expressions, so cleaning runs inside Spark's code
 * generation with no per-row user function. Tests hold it to the same answers as RawNumber.
 *
 * <p>The rule works on the compacted text ({@link #compact}: whitespace removed, upper case).
 * {@link #value}/{@link #reason} take the raw column and compact it inside; a frame with many
 * such columns should compact each once in a projection of its own and apply
 * {@link #valueOfCompact}/{@link #reasonOfCompact} to the result, which refer to the compacted
 * column several times (as {@link EventFrames#normalise} does).
 */
public final class RawNumberColumn {
    // sign, number (at most 18 integer digits, as RawNumber), unit
    private static final String SHAPE = "^[+-]?([0-9]{1,18}(\\.[0-9]*)?|\\.[0-9]+)[KMGTB%]?$";
    // what RawNumber skips as a space (Character.isWhitespace): more than \s, e.g. U+001C..U+001F
    private static final String SPACES = whitespace();
    // RawNumber reads at most this many digits into its whole-number mantissa
    private static final int MAX_DIGITS = 18;
    // the largest whole number RawNumber reads: 18 nines
    private static final long MAX_WHOLE = 999_999_999_999_999_999L;
    // at most 15 digits and a dot, so RawNumber's mantissa stays below 2^53 (a '-' counts too: simpler)
    private static final int MAX_DECIMAL_LENGTH = 16;
    private static final double[] POWERS_OF_TEN = new double[MAX_DIGITS + 1];

    static {
        double p = 1;
        for (int i = 0; i <= MAX_DIGITS; i++) {
            POWERS_OF_TEN[i] = p; // exact: every power of ten up to 1e22 is a double
            p *= 10;
        }
    }

    private RawNumberColumn() {
    }

    private static String whitespace() {
        StringBuilder spaces = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (Character.isWhitespace(c)) {
                spaces.append(c);
            }
        }
        return spaces.toString();
    }

    /** The normalised value as a double, or null when unreadable (blank, {@code -}, OVFLOW, garbage). */
    public static Column value(Column raw) {
        return coalesce(canonicalValue(raw), valueOfCompact(compact(raw)));
    }

    /**
     * RawNumber's value of a raw text that is exactly how Java prints a number: a whole number as
     * {@code Long.toString} prints it with at most 18 digits ({@code 0}, {@code 122}, {@code -12}),
     * or a plain decimal as {@code Double.toString} prints it with at most 15 digits
     * ({@code 1.75}, {@code 0.05}, {@code -4.7}); null for every other text, which then needs
     * {@link #valueOfCompact}. Most atop values are such texts, and this costs a fraction of
     * compacting and matching them.
     *
     * <p>Why the answer is RawNumber's: a whole number {@code v} printed by {@code Long.toString}
     * has no sign but {@code -}, no leading zero, no space and no dot, so RawNumber reads its
     * digits (at most 18) as the long {@code |v|} and gives {@code (double) |v|}, negated for
     * {@code -}: that is {@code (double) v}, as rounding to nearest is symmetric ({@code "-0"} is
     * not how 0 prints, so it stays RawNumber's -0.0 on the slow path). A text that Spark's cast
     * reads as a long (digits, at most one dot, no exponent, no NaN or Infinity) and that is
     * {@code Double.toString(d)} for the double {@code d} it casts to has the form
     * {@code -?digits.digits}; with at most 15 digits RawNumber reads all of them as an exact
     * mantissa {@code m < 2^53} and divides it by the exact {@code 10^k} once, so it gets the
     * correctly rounded value of the decimal, and so is {@code d}, since {@code Double.toString}
     * prints a double that reads back as itself ({@code "-0.0"} is -0.0 for both).
     */
    static Column canonicalValue(Column raw) {
        Column text = raw.cast("string");
        // Spark's cast trims spaces and control characters, allows a '+', leading zeros and a
        // fraction (dropped): comparing with the printed form rejects all of those
        Column whole = text.cast("long");
        Column decimal = text.cast("double");
        return when(whole.between(-MAX_WHOLE, MAX_WHOLE).and(whole.cast("string").equalTo(text)), whole.cast("double"))
                .when(whole.isNotNull().and(length(text).leq(MAX_DECIMAL_LENGTH)).and(decimal.cast("string").equalTo(text)), decimal);
    }

    /** Why {@link #value} is null: one of RawNumber's reasons, or null when the value is readable. */
    public static Column reason(Column raw) {
        return reasonOfCompact(compact(raw));
    }

    /**
     * Whitespace removed and upper-cased, so {@code " 3 k"} reads as {@code 3K}. A character
     * translation, not a regular expression: this runs for every value of every row.
     */
    public static Column compact(Column raw) {
        return upper(translate(raw.cast("string"), SPACES, ""));
    }

    /**
     * {@link #value} of a {@link #compact}ed column, computed as RawNumber computes it: the digits
     * (at most 18, leading zeros included) as a whole number, times the unit, divided by ten to the
     * number of fraction digits among them, in doubles, so both give the same double. One regular
     * expression checks the shape; the rest is arithmetic on positions (sign first, unit last, at
     * most one dot), which the shape makes safe. No decimal parsing: it cost more than the rest.
     */
    public static Column valueOfCompact(Column s) {
        // startsWith/endsWith compare bytes in place; a substring would copy them
        Column negative = s.startsWith("-");
        Column signLength = when(negative.or(s.startsWith("+")), 1).otherwise(0);
        Column multiplier = when(s.endsWith("K"), lit(1e3))
                .when(s.endsWith("M"), lit(1e6))
                .when(s.endsWith("G"), lit(1e9))
                .when(s.endsWith("T"), lit(1e12))
                .when(s.endsWith("B").or(s.endsWith("%")), lit(1.0));
        Column unitLength = when(multiplier.isNull(), 0).otherwise(1);
        Column end = length(s).minus(unitLength); // position of the number's last character
        Column dot = instr(s, ".");
        Column integerDigits = when(dot.equalTo(0), end).otherwise(dot.minus(1)).minus(signLength);
        Column fractionDigits = when(dot.equalTo(0), 0).otherwise(end.minus(dot));
        Column keptFractionDigits = least(fractionDigits, lit(MAX_DIGITS).minus(integerDigits));
        Column mantissa = substring(translate(s, "+-.KMGTB%", ""), 1, MAX_DIGITS).cast("long").cast("double");
        Column magnitude = mantissa.multiply(coalesce(multiplier, lit(1.0))).divide(element_at(lit(POWERS_OF_TEN), keptFractionDigits.plus(1)));
        Column signed = when(negative, negate(magnitude)).otherwise(magnitude);
        return when(s.rlike(SHAPE), signed).otherwise(lit(null).cast("double"));
    }

    /** {@link #reason} of a {@link #compact}ed column. */
    public static Column reasonOfCompact(Column s) {
        return when(s.isNull().or(s.equalTo("")), lit(RawNumber.BLANK))
                .when(s.equalTo("-"), lit(RawNumber.NOT_AVAILABLE))
                .when(s.equalTo("OVFLOW"), lit(RawNumber.OVERFLOW))
                .when(not(s.rlike(SHAPE)), lit(RawNumber.UNPARSEABLE))
                .otherwise(lit(null).cast("string"));
    }
}
