package dev.stophack.query.output;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * A Spark value as plain Java for the formats: times as ISO-8601 UTC ({@code 2024-03-01T10:00:00Z}),
 * dates as {@code 2024-03-01}, structs and maps as maps, arrays as lists.
 */
public final class Cells {
    private Cells() {
    }

    public static Object plain(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        } else if (value instanceof Instant i) {
            return i.toString();
        } else if (value instanceof LocalDateTime t) {
            return t.toString();
        } else if (value instanceof Date d) {
            return d.toLocalDate().toString();
        } else if (value instanceof LocalDate d) {
            return d.toString();
        } else if (value instanceof Row r) {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] names = r.schema() == null ? null : r.schema().fieldNames();
            for (int i = 0; i < r.size(); i++) {
                m.put(names == null ? "_" + (i + 1) : names[i], plain(r.get(i)));
            }
            return m;
        } else if (value instanceof scala.collection.Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            JavaConverters.mapAsJavaMap(map).forEach((k, v) -> m.put(String.valueOf(plain(k)), plain(v)));
            return m;
        } else if (value instanceof scala.collection.Seq<?> seq) {
            List<Object> l = new ArrayList<>();
            JavaConverters.seqAsJavaList(seq).forEach(v -> l.add(plain(v)));
            return l;
        } else if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return value;
    }

    /** The text of a value in a table or a CSV field; null is {@code null} in a table, nothing in CSV. */
    public static String text(Object value, String nullText) {
        Object v = plain(value);
        if (v == null) {
            return nullText;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return Json.MAPPER.valueToTree(v).toString();
        }
        return v.toString();
    }
}
