package dev.stophack.streaming.ingest;

import dev.stophack.api.events.EventKind;
import dev.stophack.spark.EventFrames;
import dev.stophack.streaming.parse.EventParser;
import dev.stophack.streaming.parse.ParsedEvent;
import dev.stophack.streaming.parse.Plausibility;
import dev.stophack.streaming.parse.RawValue;
import dev.stophack.streaming.scoring.LoadedModel;
import dev.stophack.streaming.scoring.RowScorer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Turns one task's Kafka records into {@link ParsedSchema} rows: Jackson reads each value (see
 * {@link EventParser}) and the result is written straight into Spark's binary row format, with
 * no intermediate objects per field. The rows are copies, so they can be cached.
 *
 * <p>Input rows: {@code value, topic, partition, offset, timestamp} as the Kafka source has them.
 */
final class RecordParser implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    static final List<String> INPUT_COLUMNS = List.of("value", "topic", "partition", "offset", "timestamp");

    private static final int TOPIC = ParsedSchema.index(ParsedSchema.TOPIC);
    private static final int PARTITION = ParsedSchema.index(ParsedSchema.PARTITION);
    private static final int OFFSET = ParsedSchema.index(ParsedSchema.OFFSET);
    private static final int KAFKA_TIME = ParsedSchema.index(ParsedSchema.KAFKA_TIME);
    private static final int REASON = ParsedSchema.index(ParsedSchema.REASON);
    private static final int RAW = ParsedSchema.index(ParsedSchema.RAW);
    private static final int RAW_BYTES = ParsedSchema.index(ParsedSchema.RAW_BYTES);
    private static final int RAW_SHA256 = ParsedSchema.index(ParsedSchema.RAW_SHA256);
    private static final int RAW_TRUNCATED = ParsedSchema.index(ParsedSchema.RAW_TRUNCATED);
    private static final int EVENT_TIME = ParsedSchema.index(ParsedSchema.EVENT_TIME);
    private static final int DATE = ParsedSchema.index(ParsedSchema.DATE);
    private static final int SEQUENCE = ParsedSchema.index(EventKind.SEQUENCE);
    private static final int MACHINE = ParsedSchema.index(EventKind.MACHINE);
    private static final int PID = ParsedSchema.index(EventKind.PID);
    private static final int CMD = ParsedSchema.index(EventKind.CMD);
    private static final int CMD_PID = ParsedSchema.index(EventFrames.CMD_PID);
    private static final int PREDICTION = ParsedSchema.index(ParsedSchema.PREDICTION);
    private static final int P_ATTACK = ParsedSchema.index(ParsedSchema.P_ATTACK);
    private static final int MODEL_VERSION = ParsedSchema.index(ParsedSchema.MODEL_VERSION);
    private static final int SHADOW_PREDICTION = ParsedSchema.index(ParsedSchema.SHADOW_PREDICTION);
    /** A readable event leaves these null. */
    private static final int[] DEAD_LETTER_FIELDS = {REASON, RAW, RAW_BYTES, RAW_SHA256, RAW_TRUNCATED};

    private final Plausibility plausibility;
    /** When the batch was read (driver clock, micros): what a record without a usable Kafka timestamp is judged by. */
    private final long readMicros;
    private final BatchStats stats;
    /** By kind: the batch's model when it scores rows here, else null (then the prediction columns stay null). */
    private final RowScorer[] scorers = new RowScorer[EventKind.values().length];
    private final int[] versions = new int[EventKind.values().length];
    /** By kind: the batch's candidate when it scores rows here beside the active model, else null. */
    private final RowScorer[] shadowScorers = new RowScorer[EventKind.values().length];

    RecordParser(Plausibility plausibility, long readMicros, BatchStats stats, Map<EventKind, LoadedModel> models,
            Map<EventKind, LoadedModel> candidates) {
        this.plausibility = plausibility;
        this.readMicros = readMicros;
        this.stats = stats;
        models.forEach((kind, model) -> {
            if (scoresInTasks(model)) {
                scorers[kind.ordinal()] = model.rowScorer();
                versions[kind.ordinal()] = model.version();
            }
            LoadedModel candidate = candidates.get(kind);
            if (shadowsInTasks(model, candidate)) {
                shadowScorers[kind.ordinal()] = candidate.rowScorer();
            }
        });
    }

    /** Whether the rows of {@code kind} leave the parser scored by {@code model}. */
    static boolean scoresInTasks(LoadedModel model) {
        return model != null && model.rowScorer() != null;
    }

    /**
     * Whether the parser also scores the rows with {@code candidate} (into
     * {@link ParsedSchema#SHADOW_PREDICTION}): when both it and the active model have a row scorer.
     */
    public static boolean shadowsInTasks(LoadedModel active, LoadedModel candidate) {
        return scoresInTasks(active) && scoresInTasks(candidate);
    }

    /**
     * The records of a Kafka source batch, read at {@code readMicros}, as {@link ParsedSchema} rows
     * (copies, so they can be cached as they are).
     */
    static JavaRDD<InternalRow> parse(Dataset<Row> kafkaBatch, Plausibility plausibility, long readMicros,
            BatchStats stats, Map<EventKind, LoadedModel> models, Map<EventKind, LoadedModel> candidates) {
        Column[] input = INPUT_COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return kafkaBatch.select(input).queryExecution().toRdd().toJavaRDD()
                .mapPartitions(new RecordParser(plausibility, readMicros, stats, models, candidates));
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> records) {
        Writer writer = new Writer();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public InternalRow next() {
                return writer.convert(records.next());
            }
        };
    }

    /** Per-task state: a parser per kind and one row writer. */
    private final class Writer {
        private final EventParser[] parsers = new EventParser[EventKind.values().length];
        private final UTF8String[] topics = new UTF8String[EventKind.values().length];
        private final int[][] numberColumns = new int[EventKind.values().length][];
        private final int[][] codeColumns = new int[EventKind.values().length][];
        private final UnsafeRowWriter row = new UnsafeRowWriter(ParsedSchema.SCHEMA.size(), 512);
        private final double[] score = new double[2];
        private final double[] shadowScore = new double[2];
        private final RawValue raw = new RawValue();

        Writer() {
            for (EventKind kind : EventKind.values()) {
                int k = kind.ordinal();
                parsers[k] = new EventParser(kind, plausibility);
                topics[k] = UTF8String.fromString(kind.topic());
                numberColumns[k] = kind.numericColumns().stream().mapToInt(ParsedSchema::index).toArray();
                codeColumns[k] = kind.categoricalColumns().stream().mapToInt(ParsedSchema::index).toArray();
            }
        }

        InternalRow convert(InternalRow record) {
            byte[] value = record.isNullAt(0) ? null : record.getBinary(0);
            UTF8String topic = record.getUTF8String(1);
            long kafkaMicros = record.isNullAt(4) ? -1 : record.getLong(4);
            int k = kindOf(topic);
            row.reset();
            row.zeroOutNullBytes();
            row.write(TOPIC, topic);
            row.write(PARTITION, record.getInt(2));
            row.write(OFFSET, record.getLong(3));
            if (kafkaMicros < 0) {
                row.setNullAt(KAFKA_TIME);
            } else {
                row.write(KAFKA_TIME, kafkaMicros);
            }
            // UnsafeRowWriter never clears a null bit: every field below is written exactly once
            ParsedEvent e = parsers[k].parse(value, kafkaMicros, readMicros);
            stats.add(e);
            if (e.ok()) {
                writeEvent(k, e);
                writeScore(k);
            } else {
                writeDeadLetter(e, value);
                nullScore();
            }
            return row.getRow().copy();
        }

        private int kindOf(UTF8String topic) {
            for (int k = 0; k < topics.length; k++) {
                if (topics[k].equals(topic)) {
                    return k;
                }
            }
            throw new IllegalStateException("a record from topic '" + topic + "', which this job does not read");
        }

        private void writeDeadLetter(ParsedEvent e, byte[] value) {
            row.write(REASON, UTF8String.fromString(e.reasonText()));
            raw.of(value);
            writeString(RAW, raw.text());
            row.write(RAW_BYTES, raw.bytes());
            writeString(RAW_SHA256, raw.sha256());
            row.write(RAW_TRUNCATED, raw.truncated());
            for (int i : new int[] {EVENT_TIME, DATE, SEQUENCE, MACHINE, PID, CMD, CMD_PID}) {
                row.setNullAt(i);
            }
            nullAllMeasurements();
        }

        private void writeEvent(int k, ParsedEvent e) {
            for (int i : DEAD_LETTER_FIELDS) {
                row.setNullAt(i);
            }
            row.write(EVENT_TIME, e.eventTimeMicros());
            row.write(DATE, e.eventDay());
            if (e.hasSequence()) {
                row.write(SEQUENCE, e.sequence());
            } else {
                row.setNullAt(SEQUENCE);
            }
            row.write(MACHINE, e.machine());
            row.write(PID, e.pid());
            writeString(CMD, e.command());
            writeString(CMD_PID, e.commandPid());
            for (int other = 0; other < numberColumns.length; other++) {
                if (other != k) {
                    nullMeasurements(other);
                }
            }
            int[] numbers = numberColumns[k];
            for (int i = 0; i < numbers.length; i++) {
                double v = e.number(i);
                if (Double.isNaN(v)) {
                    row.setNullAt(numbers[i]);
                } else {
                    row.write(numbers[i], v);
                }
            }
            int[] codes = codeColumns[k];
            for (int i = 0; i < codes.length; i++) {
                writeString(codes[i], e.code(i));
            }
        }

        /** The event's prediction, from the row as written so far (the model reads its columns there). */
        private void writeScore(int k) {
            RowScorer scorer = scorers[k];
            if (scorer == null) {
                nullScore();
                return;
            }
            scorer.score(row.getRow(), score);
            row.write(PREDICTION, score[0]);
            row.write(P_ATTACK, score[1]);
            row.write(MODEL_VERSION, versions[k]);
            if (score[0] == 1.0) {
                stats.addAttack(k);
            }
            writeShadowScore(k);
        }

        /**
         * The candidate's prediction of the same row. Whatever the candidate does, the active
         * model's outputs must not change: a row it cannot score is left without a shadow
         * prediction (not counted as scored by both) instead of failing the task.
         */
        private void writeShadowScore(int k) {
            RowScorer shadow = shadowScorers[k];
            if (shadow == null) {
                row.setNullAt(SHADOW_PREDICTION);
                return;
            }
            double prediction;
            try {
                shadow.score(row.getRow(), shadowScore);
                prediction = shadowScore[0];
            } catch (RuntimeException e) {
                row.setNullAt(SHADOW_PREDICTION);
                return;
            }
            row.write(SHADOW_PREDICTION, prediction);
        }

        private void nullScore() {
            row.setNullAt(PREDICTION);
            row.setNullAt(P_ATTACK);
            row.setNullAt(MODEL_VERSION);
            row.setNullAt(SHADOW_PREDICTION);
        }

        private void nullAllMeasurements() {
            for (int k = 0; k < numberColumns.length; k++) {
                nullMeasurements(k);
            }
        }

        private void nullMeasurements(int k) {
            for (int c : numberColumns[k]) {
                row.setNullAt(c);
            }
            for (int c : codeColumns[k]) {
                row.setNullAt(c);
            }
        }

        private void writeString(int column, String s) {
            if (s == null) {
                row.setNullAt(column);
            } else {
                row.write(column, UTF8String.fromString(s));
            }
        }
    }
}
