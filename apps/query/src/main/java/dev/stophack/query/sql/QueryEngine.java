package dev.stophack.query.sql;

import dev.stophack.query.QueryError;
import dev.stophack.query.data.Table;
import dev.stophack.query.data.TableCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Runs statements over the registered tables in one Spark session, created on the first
 * statement and kept for the next ones: only the first pays Spark's start-up.
 */
public final class QueryEngine {
    private final Supplier<SparkSession> sessions;
    private final TableCatalog catalog;
    private SparkSession spark;

    public QueryEngine(Supplier<SparkSession> sessions, TableCatalog catalog) {
        this.sessions = sessions;
        this.catalog = catalog;
    }

    /** The session, with the tables registered; started on first use. */
    public synchronized SparkSession session() {
        if (spark == null) {
            SparkSession started = sessions.get();
            catalog.register(started);
            spark = started;
        }
        return spark;
    }

    public TableCatalog catalog() {
        return catalog;
    }

    /** Runs {@code sql} and returns at most {@code limit} rows (0: all of them). */
    public ResultTable run(String sql, int limit) {
        SparkSession s = session();
        try {
            Dataset<Row> result = s.sql(sql);
            List<Row> rows = limit > 0 ? result.limit(limit + 1).collectAsList() : result.collectAsList();
            boolean cut = limit > 0 && rows.size() > limit;
            List<List<Object>> values = new ArrayList<>();
            for (Row r : cut ? rows.subList(0, limit) : rows) {
                List<Object> cells = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    cells.add(r.get(i));
                }
                values.add(cells);
            }
            StructField[] fields = result.schema().fields();
            return new ResultTable(Arrays.stream(fields).map(StructField::name).toList(),
                    Arrays.stream(fields).map(f -> f.dataType().simpleString()).toList(), values, cut);
        } catch (QueryError e) {
            throw e;
        } catch (Exception e) { // Spark's AnalysisException is checked, and thrown undeclared
            throw translate(e);
        }
    }

    /** All rows of {@code sql}, for callers that read them as Spark rows (the report). */
    public List<Row> rows(String sql) {
        SparkSession s = session();
        try {
            return s.sql(sql).collectAsList();
        } catch (Exception e) {
            throw translate(e);
        }
    }

    /** Rows of {@code table}. */
    public long count(Table table) {
        try {
            return session().table(table.sqlName()).count();
        } catch (Exception e) {
            throw translate(e);
        }
    }

    /** Spark's error as one line; a missing table also gets the list of the tables there are. */
    static QueryError translate(Exception e) {
        String missing = Failures.missingTable(e);
        if (missing != null) {
            List<String> names = Arrays.stream(Table.values()).map(Table::sqlName).toList();
            return new QueryError("no table " + missing + " (tables: " + String.join(", ", names) + ")", e);
        }
        return new QueryError(Failures.oneLine(e), e);
    }
}
