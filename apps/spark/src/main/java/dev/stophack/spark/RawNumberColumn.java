package dev.stophack.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.stophack.normalise.RawNumber;
import org.apache.spark.sql.Column;

/**
 * {@link RawNumber}'s rule as Spark column expressions, so cleaning runs inside Spark's code
 * generation with no per-row user function. Tests hold it to the same answers as RawNumber.
 */
public final class RawNumberColumn {
    // sign, number (at most 18 integer digits, as RawNumber), unit
    private static final String SHAPE = "^([+-]?)([0-9]{1,18}(\\.[0-9]*)?|\\.[0-9]+)([KMGTB%]?)$";

    private RawNumberColumn() {
    }

    /** The normalised value as a double, or null when unreadable (blank, {@code -}, OVFLOW, garbage). */
    public static Column value(Column raw) {
        Column s = compact(raw);
        Column number = regexp_extract(s, SHAPE, 2);
        Column unit = regexp_extract(s, SHAPE, 4);
        Column multiplier = when(unit.equalTo("K"), lit(1_000L))
                .when(unit.equalTo("M"), lit(1_000_000L))
                .when(unit.equalTo("G"), lit(1_000_000_000L))
                .when(unit.equalTo("T"), lit(1_000_000_000_000L))
                .otherwise(lit(1L));
        // decimal arithmetic, then one rounding to double: "1.2G" is exactly 1.2e9, as in RawNumber
        Column magnitude = number.cast("decimal(38,18)").multiply(multiplier.cast("decimal(20,0)")).cast("double");
        Column signed = when(regexp_extract(s, SHAPE, 1).equalTo("-"), magnitude.multiply(-1)).otherwise(magnitude);
        return when(number.equalTo(""), lit(null).cast("double")).otherwise(signed);
    }

    /** Why {@link #value} is null: one of RawNumber's reasons, or null when the value is readable. */
    public static Column reason(Column raw) {
        Column s = compact(raw);
        return when(coalesce(trim(raw.cast("string")), lit("")).equalTo(""), lit(RawNumber.BLANK))
                .when(s.equalTo("-"), lit(RawNumber.NOT_AVAILABLE))
                .when(s.equalTo("OVFLOW"), lit(RawNumber.OVERFLOW))
                .when(regexp_extract(s, SHAPE, 2).equalTo(""), lit(RawNumber.UNPARSEABLE))
                .otherwise(lit(null).cast("string"));
    }

    /** Whitespace removed and upper-cased, so {@code " 3 k"} reads as {@code 3K}. */
    private static Column compact(Column raw) {
        return upper(regexp_replace(raw.cast("string"), "\\s+", ""));
    }
}
