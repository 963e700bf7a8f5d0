package dev.stophack.streaming.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stophack.api.kafka.StreamStatus;
import dev.stophack.api.kafka.Topics;
import dev.stophack.streaming.output.KafkaOutput;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Sends one {@link StreamStatus} per ingest batch to {@link Topics#STREAM_STATUS}, key
 * {@code "ingest"}, through the job's own Kafka writer (one row, so one small Spark job): the
 * same connection and limits as every other record the job sends.
 */
public final class StatusPublisher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType KEY_VALUE = new StructType(new StructField[] {
        DataTypes.createStructField("key", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.StringType, false)});

    private final SparkSession spark;
    private final KafkaOutput kafka;

    public StatusPublisher(SparkSession spark, KafkaOutput kafka) {
        this.spark = spark;
        this.kafka = kafka;
    }

    public void publish(StreamStatus status) {
        String value;
        try {
            value = JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status of batch " + status.batchId(), e);
        }
        Dataset<Row> record = spark.createDataFrame(List.of(RowFactory.create(StreamStatus.KEY, value)), KEY_VALUE);
        kafka.send(record, Topics.STREAM_STATUS);
    }
}
