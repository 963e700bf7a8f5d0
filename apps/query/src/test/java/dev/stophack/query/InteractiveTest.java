package dev.stophack.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.testkit.LocalSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stophack query} with no SQL: statements from stdin, all in one Spark session. */
class InteractiveTest {
    @TempDir
    static Path folder;
    static SparkSession spark;
    static String data;

    @BeforeAll
    static void writeTheFixturePipeline() throws Exception {
        spark = LocalSpark.session();
        Fixtures.write(spark, "file:" + folder.toAbsolutePath());
        data = folder.toString();
    }

    @Test
    void twoQueriesFromAPipeShareOneSession() {
        Runs runs = new Runs(spark, List.of());
        Runs.Result r = runs.query("SELECT COUNT(*) AS process FROM process_events\n"
                + "SELECT COUNT(*) AS memory FROM memory_events\n", false, "--data", data);
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                process
                -------
                6
                (1 row)
                memory
                ------
                5
                (1 row)
                """);
        assertThat(runs.sessionsCreated).as("one session for both statements").hasValue(1);
    }

    @Test
    void aScriptWithSemicolonsMaySpreadAStatementOverLinesAndQuitsAtBackslashQ() {
        Runs runs = new Runs(spark, List.of());
        Runs.Result r = runs.query("""
                SELECT machine, COUNT(*) AS n
                FROM detected_attacks
                GROUP BY machine
                ORDER BY machine;
                \\q
                SELECT 'after the end' AS never;
                """, false, "--data", data, "--format", "csv");
        assertThat(r.out()).isEqualTo("machine,n\r\n4,1\r\n5,1\r\n");
    }

    @Test
    void anErrorIsOneLineAndTheNextStatementStillRuns() {
        Runs.Result r = new Runs(spark, List.of()).query("SELECT nope FROM process_events\nSELECT 1 AS one\n", false,
                "--data", data, "--format", "csv");
        assertThat(r.code()).isZero();
        assertThat(r.errLines()).hasSize(1).allMatch(l -> l.startsWith("error: ") && l.contains("nope"));
        assertThat(r.out()).isEqualTo("one\r\n1\r\n");
    }

    @Test
    void backslashTablesListsEveryTableWithRowsAndColumns() {
        Runs.Result r = new Runs(spark, List.of()).query("\\tables\n", false, "--data", data);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("process_events  6 rows  file:")
                .contains("memory_events  5 rows")
                .contains("potential_attacks  3 rows")
                .contains("detected_attacks  2 rows")
                .contains("deadletter  3 rows")
                .contains("model_history  4 rows")
                .contains(" sequence bigint, machine int, PID int,")
                .contains(" window_start timestamp, window_end timestamp, machine int, count bigint, date date")
                .contains(" evidence map<string,double>");
    }

    @Test
    void onATerminalItPromptsAndRunsEachLineAsItComes() {
        Runs runs = new Runs(spark, List.of());
        Runs.Result r = runs.query("SELECT COUNT(*) AS n FROM deadletter\nSELECT 1 AS a,\n2 AS b\n\\preset top-commands\n",
                true, "--data", data, "--format", "csv", "--limit", "1");
        assertThat(r.out()).startsWith("stophack query over file:")
                .contains("stophack> n\r\n3\r\n")
                .contains("stophack>      ...> a,b\r\n1,2\r\n")
                .contains("stophack> CMD,attack_events,events,mean_p_attack,machines\r\nevil,3,3,0.85,1\r\n")
                .endsWith("stophack> \n");
        assertThat(runs.sessionsCreated).hasValue(1);
    }
}
