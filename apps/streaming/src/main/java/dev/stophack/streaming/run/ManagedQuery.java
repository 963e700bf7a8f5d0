package dev.stophack.streaming.run;

import java.util.function.Supplier;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A streaming query the supervisor keeps running: its name (also its checkpoint directory) and
 * how to start it. Starting again resumes from the checkpoint.
 */
public record ManagedQuery(String name, Supplier<StreamingQuery> starter) {
}
