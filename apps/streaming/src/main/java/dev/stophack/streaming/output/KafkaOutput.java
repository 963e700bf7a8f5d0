package dev.stophack.streaming.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.stophack.api.kafka.Topics;
import dev.stophack.config.KafkaConnection;
import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes rows to a Kafka topic as JSON values from inside {@code foreachBatch}. At least once: a
 * batch replayed after a crash may send its records again (the parquet outputs are the
 * exactly-once record; the topics are the live feed).
 */
public final class KafkaOutput implements Serializable {
    private static final long serialVersionUID = 1L;

    private final KafkaConnection kafka;

    public KafkaOutput(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    public KafkaConnection kafka() {
        return kafka;
    }

    /** Sends every row of {@code rows} as a JSON object of all its columns, keyed by {@code key}. */
    public void sendJson(Dataset<Row> rows, Column key, String topic) {
        Column[] all = java.util.Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        send(rows.select(key.cast("string").as("key"), to_json(struct(all)).as("value")), topic);
    }

    /** Sends rows that already have {@code key} and {@code value} columns. */
    public void send(Dataset<Row> keyValue, String topic) {
        keyValue.write()
                .format("kafka")
                .option("topic", topic)
                // a batch publishes its attacks in one burst: full, compressed batches cost the
                // broker (and the cores it shares) a fraction of one small request per record
                .option("kafka.linger.ms", "10")
                .option("kafka.batch.size", String.valueOf(256 * 1024))
                .option("kafka.compression.type", "lz4")
                // stated, not inherited: the limit every stophack topic is created with
                .option("kafka.max.request.size", String.valueOf(Topics.MAX_MESSAGE_BYTES))
                // after the tuning: --kafka-config may change it
                .options(kafka.sparkOptions())
                .save();
    }
}
