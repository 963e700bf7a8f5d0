package dev.stophack.streaming.weblog.support;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.streaming.support.StreamRig;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** The rate limiter's and the surge detector's parquet outputs, read back as {@link IncidentMatch.Output}s. */
public final class Outputs {
    private Outputs() {
    }

    public static List<IncidentMatch.Output> read(StreamRig rig, String root) {
        List<IncidentMatch.Output> out = new ArrayList<>();
        for (Row r : rig.rows(root + S3Layout.RATELIMIT_ALERTS)) {
            out.add(new IncidentMatch.Output(IncidentMatch.Output.RATE_LIMIT, r.getAs("host"), null, time(r, "window_start"),
                    time(r, "window_end"), time(r, "decided_at")));
        }
        for (Row r : rig.rows(root + S3Layout.ERRORSURGE_ALERTS)) {
            out.add(new IncidentMatch.Output(r.getAs("kind"), r.getAs("host"), r.getAs("status"), time(r, "window_start"),
                    time(r, "window_end"), time(r, "decided_at")));
        }
        return out;
    }

    private static java.time.Instant time(Row r, String column) {
        return r.<Timestamp>getAs(column).toInstant();
    }
}
