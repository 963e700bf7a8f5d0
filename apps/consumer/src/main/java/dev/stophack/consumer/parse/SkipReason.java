package dev.stophack.consumer.parse;

/** Why a record was not counted. Each one is counted per topic and shown in logs and metrics. */
public enum SkipReason {
    NOT_JSON("not_json", "value is not a JSON object"),
    NO_MACHINE("no_machine", "no key and no 'machine' field"),
    MACHINE_TOO_LONG("machine_too_long", "the machine id (key or 'machine' field) is longer than 128 characters"),
    MACHINE_LIMIT("machine_limit", "--max-machines machines are tracked already; this one is not"),
    NO_TS("no_ts", "no numeric 'ts' field"),
    TS_OUT_OF_RANGE("ts_out_of_range", "'ts' is negative"),
    TS_AHEAD("ts_ahead", "'ts' is further ahead of the consumer's clock than --max-ts-ahead"),
    NO_WINDOW("no_window", "no readable 'window_start'/'window_end'"),
    NO_COUNT("no_count", "no numeric 'count' field"),
    WINDOW_AHEAD("window_ahead", "the window starts further ahead of the consumer's clock than --max-ts-ahead"),
    NO_TIME("no_time", "no readable [time] in the access-log line"),
    NO_STATUS("no_status", "no status after the access-log line's quoted request"),
    NO_HOST("no_host", "no key and no first field in the access-log line");

    private final String id;
    private final String description;

    SkipReason(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Short snake_case name, used as a metric tag and in JSON. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
