package dev.stophack.training.data;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvException;
import dev.stophack.csv.CsvHeader;
import dev.stophack.csv.CsvReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A labelled training CSV, checked before Spark reads it: the file exists, has a header, and the
 * header names every column of the kind plus {@code attack}. Any of these failing is a
 * {@link CsvException} naming the file (and column), which the command turns into exit code 2.
 *
 * @param kind   process or memory
 * @param uri    where it is ({@code s3a://...}, {@code file:/...} or a plain path)
 * @param header the column names in file order
 */
public record TrainingFile(EventKind kind, String uri, List<String> header) {

    /** The columns a training file must have: the kind's own, then the label. */
    public static List<String> requiredColumns(EventKind kind) {
        List<String> required = new ArrayList<>(kind.columns());
        required.add(EventKind.ATTACK);
        return required;
    }

    /** Opens {@code uri} through Hadoop's file systems (local or s3a) and checks its header. */
    public static TrainingFile check(EventKind kind, String uri, Configuration hadoop) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(hadoop);
        InputStream in;
        try {
            if (!fs.exists(path)) {
                throw new CsvException(uri + ": no such file (the " + kind + " training data)");
            }
            if (fs.getFileStatus(path).isDirectory()) {
                throw new CsvException(uri + ": is a directory, expected the " + kind + " training CSV");
            }
            in = fs.open(path);
        } catch (FileNotFoundException e) {
            throw new CsvException(uri + ": no such file (the " + kind + " training data)");
        }
        try (CsvReader reader = CsvReader.of(in, uri)) {
            CsvHeader header = reader.header();
            header.require(requiredColumns(kind));
            if (reader.next() == null) {
                throw new CsvException(uri + ": the file has a header but no data rows");
            }
            return new TrainingFile(kind, uri, header.names());
        }
    }

    /** Every column as a string: values are normalised by Spark expressions afterwards, never guessed. */
    public StructType stringSchema() {
        StructType schema = new StructType();
        for (String column : header) {
            schema = schema.add(column, DataTypes.StringType, true);
        }
        return schema;
    }

    public boolean hasType() {
        return header.contains(EventKind.TYPE);
    }
}
