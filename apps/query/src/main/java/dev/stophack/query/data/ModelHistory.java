package dev.stophack.query.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.events.EventKind;
import dev.stophack.api.rollout.HistoryEntry;
import dev.stophack.api.s3.S3Layout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code model_history} table: every line of both kinds' {@code models/<kind>/HISTORY.jsonl}
 * (one {@link HistoryEntry} each), read as written (the model registry keeps those files in step
 * with its decision log; a reader does not repair them). {@code from} and {@code to} become
 * {@code from_version} and {@code to_version}, which SQL can name without quotes.
 */
public final class ModelHistory {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static final StructType SCHEMA = new StructType()
            .add("model", DataTypes.StringType)
            .add("generation", DataTypes.LongType)
            .add("at", DataTypes.TimestampType)
            .add("action", DataTypes.StringType)
            .add("version", DataTypes.IntegerType)
            .add("from_version", DataTypes.IntegerType)
            .add("to_version", DataTypes.IntegerType)
            .add("reason", DataTypes.StringType)
            .add("evidence", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
            .add("by", DataTypes.StringType);

    private ModelHistory() {
    }

    /** Both kinds' decisions, oldest first per kind; a kind without a history adds nothing. */
    public static Dataset<Row> read(SparkSession spark, DataRoot root) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (EventKind kind : EventKind.values()) {
            Path file = new Path(root.resolve(S3Layout.MODELS + "/" + S3Layout.historyFile(kind)));
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(file)) {
                continue;
            }
            try (FSDataInputStream in = fs.open(file);
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                int number = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    number++;
                    if (!line.isBlank()) {
                        row(kind, line, file, number, rows);
                    }
                }
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** One line as a row; a line that is not a decision is left out, with a warning naming it. */
    private static void row(EventKind kind, String line, Path file, int number, List<Row> rows) {
        try {
            HistoryEntry e = JSON.readValue(line, HistoryEntry.class);
            rows.add(RowFactory.create(e.model == null ? kind.id() : e.model, e.generation, time(e.at),
                    e.action == null ? null : e.action.name(), e.version, e.from, e.to, e.reason,
                    e.evidence,
                    e.by));
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("{} line {} is not a rollout decision, left out of model_history: {}", file, number,
                    e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Timestamp time(String at) {
        return at == null ? null : Timestamp.from(Instant.parse(at));
    }
}
