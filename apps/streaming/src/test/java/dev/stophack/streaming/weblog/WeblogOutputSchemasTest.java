package dev.stophack.streaming.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.s3.S3Layout;
import dev.stophack.api.weblog.AccessLogColumns;
import dev.stophack.spark.OutputSchemas;
import dev.stophack.streaming.weblog.ingest.LineSchema;
import dev.stophack.streaming.weblog.ratelimit.RateLimitOutput;
import dev.stophack.streaming.weblog.surge.SurgeAlerts;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * What {@code stophack query} declares for the web outputs (in {@link OutputSchemas}, used when
 * an output has no file yet) is what the job writes: the same columns, in file order, of the
 * same types, then the {@code date} partition.
 */
class WeblogOutputSchemasTest {
    @Test
    void weblogEventsAreTheLineColumnsThenWhereTheLineWasOnTheTopic() {
        List<String> columns = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (String c : AccessLogColumns.ALL) {
            columns.add(c);
            types.add(LineSchema.SCHEMA.apply(c).dataType());
        }
        columns.add(OutputSchemas.KAFKA_PARTITION);
        types.add(LineSchema.SCHEMA.apply(LineSchema.PARTITION).dataType());
        columns.add(OutputSchemas.KAFKA_OFFSET);
        types.add(LineSchema.SCHEMA.apply(LineSchema.OFFSET).dataType());
        columns.add(S3Layout.DATE_PARTITION);
        types.add(LineSchema.SCHEMA.apply(LineSchema.DATE).dataType());
        assertThat(names(OutputSchemas.weblogEvents())).containsExactlyElementsOf(columns);
        assertThat(types(OutputSchemas.weblogEvents())).containsExactlyElementsOf(types);
    }

    @Test
    void alertsAreTheDetectorsRowsDatedByTheirWindow() {
        assertSameColumns(OutputSchemas.rateLimitAlerts(), RateLimitOutput.DECISION);
        assertSameColumns(OutputSchemas.errorSurgeAlerts(), SurgeAlerts.ALERT);
    }

    private static void assertSameColumns(StructType declared, StructType written) {
        StructType withDate = written.add(S3Layout.DATE_PARTITION, DataTypes.DateType);
        assertThat(names(declared)).containsExactlyElementsOf(names(withDate));
        assertThat(types(declared)).containsExactlyElementsOf(types(withDate));
    }

    private static List<String> names(StructType schema) {
        return List.of(schema.fieldNames());
    }

    private static List<DataType> types(StructType schema) {
        return java.util.Arrays.stream(schema.fields()).map(StructField::dataType).toList();
    }
}
