package dev.stophack.faults.census;

/**
 * What the outputs hold of what was produced, by record identity (topic, partition, offset).
 *
 * @param produced      records the broker acknowledged (good and bad)
 * @param persisted     good records found in {@code events/<kind>/}, each counted once
 * @param deadLettered  bad records found in {@code deadletter/}, each counted once
 * @param lost          produced records found in no output
 * @param duplicated    rows beyond the first of a record, over both outputs
 * @param misplaced     good records only dead-lettered, bad records persisted as events
 * @param unknown       rows naming a record nobody produced
 * @param noReason      dead letters without a reason
 */
public record Tally(long produced, long persisted, long deadLettered, long lost, long duplicated, long misplaced,
        long unknown, long noReason) {

    public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

    public Tally plus(Tally o) {
        return new Tally(produced + o.produced, persisted + o.persisted, deadLettered + o.deadLettered, lost + o.lost,
                duplicated + o.duplicated, misplaced + o.misplaced, unknown + o.unknown, noReason + o.noReason);
    }

    /** Every record where it belongs, once. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && misplaced == 0 && unknown == 0 && noReason == 0;
    }

    /** The faults beyond lost and duplicated, in words; empty when there are none. */
    public String anomalies() {
        StringBuilder s = new StringBuilder();
        if (misplaced > 0) {
            s.append(misplaced).append(" in the wrong output; ");
        }
        if (unknown > 0) {
            s.append(unknown).append(" rows of records never produced; ");
        }
        if (noReason > 0) {
            s.append(noReason).append(" dead letters without a reason; ");
        }
        return s.toString();
    }
}
