package dev.stophack.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.embedded.FreePort;
import dev.stophack.query.data.Table;
import dev.stophack.query.sql.Preset;
import dev.stophack.spark.OutputSchemas;
import dev.stophack.testkit.LocalSpark;
import dev.stophack.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code stophack query} over the fixture pipeline on the embedded S3 (and a copy in a local
 * folder): every table, every preset, the three formats, the limit, and the one-line errors.
 * One Spark session serves the whole class.
 */
class QueryCommandTest {
    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().s3().build();
    @TempDir
    static Path folder;
    static SparkSession spark;
    static Runs runs;

    @BeforeAll
    static void writeTheFixturePipeline() throws Exception {
        spark = LocalSpark.session(SERVICES.s3());
        Fixtures.write(spark, "s3a://" + SERVICES.bucket());
        Fixtures.write(spark, "file:" + folder.resolve("pipeline").toAbsolutePath());
        runs = new Runs(spark, List.of("--s3-endpoint", SERVICES.s3Endpoint(), "--bucket", SERVICES.bucket(),
                "--access-key", SERVICES.accessKey(), "--secret-key", SERVICES.secretKey()));
    }

    @Test
    void sqlOverTheBucketPrintsAnAlignedTable() {
        Runs.Result r = runs.query("SELECT machine, COUNT(*) AS events FROM process_events GROUP BY machine ORDER BY machine");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                machine  events
                -------  ------
                4        3
                5        2
                6        1
                (3 rows)
                """);
    }

    @Test
    void aLocalFolderAnswersLikeTheBucket() {
        String sql = "SELECT machine, CMD_PID, prediction FROM process_events ORDER BY machine, CMD_PID";
        Runs.Result bucket = runs.query(sql);
        Runs.Result local = runs.query("--data", folder.resolve("pipeline").toString(), sql);
        assertThat(local.code()).isZero();
        assertThat(local.out()).isEqualTo(bucket.out()).contains("miner_201");
    }

    @Test
    void theSinkLogIsHonouredSoAnUncommittedFileIsNotRead() {
        String strays = "SELECT COUNT(*) AS n FROM process_events WHERE PID = " + Fixtures.STRAY_PID;
        assertThat(runs.query("--format", "csv", strays).out()).isEqualTo("n\r\n0\r\n");
        // the stray file is readable parquet: only the log keeps it out
        long inFolder = spark.read().parquet(folder.resolve("pipeline/events/process/date=2024-03-01")
                .resolve("part-99999-uncommitted.snappy.parquet").toUri().toString()).count();
        assertThat(inFolder).isEqualTo(1);
    }

    /**
     * The sink logs of a bucket name their files by s3a:// path: a copy of the bucket in a local
     * folder, with the bucket's files gone, is still read, and still only the committed files.
     */
    @Test
    void aLocalCopyOfTheBucketIsReadThroughItsSinkLogs() throws Exception {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path original = new org.apache.hadoop.fs.Path("s3a://" + SERVICES.bucket() + "/moved");
        Fixtures.write(spark, original.toString());
        Path copy = folder.resolve("copy-of-the-bucket");
        org.apache.hadoop.fs.FileUtil.copy(original.getFileSystem(conf), original, org.apache.hadoop.fs.FileSystem.getLocal(conf),
                new org.apache.hadoop.fs.Path(copy.toUri()), true, conf);
        assertThat(copy.resolve("events/process/_spark_metadata")).isDirectory();

        Runs.Result r = runs.query("--data", copy.toString(), "--format", "csv", "SELECT COUNT(*) AS events,"
                + " SUM(CASE WHEN PID = " + Fixtures.STRAY_PID + " THEN 1 ELSE 0 END) AS strays,"
                + " MIN(date) AS first_date FROM process_events");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("events,strays,first_date\r\n6,0," + Fixtures.DAY + "\r\n");
    }

    @Test
    void csvIsRfc4180AndJsonIsOneObjectALine() {
        String sql = "SELECT machine, CMD, event_time, p_attack, 'a,\"b\"' AS text FROM process_events"
                + " WHERE PID IN (100, 300) ORDER BY PID";
        Runs.Result csv = runs.query("--format", "csv", sql);
        assertThat(csv.out()).isEqualTo("machine,CMD,event_time,p_attack,text\r\n"
                + "4,evil,2024-03-01T10:00:00Z,0.9,\"a,\"\"b\"\"\"\r\n"
                + "6,bash,2024-03-01T10:00:30Z,,\"a,\"\"b\"\"\"\r\n");
        Runs.Result json = runs.query("--format", "json", sql);
        assertThat(json.out()).isEqualTo("""
                {"machine":4,"CMD":"evil","event_time":"2024-03-01T10:00:00Z","p_attack":0.9,"text":"a,\\"b\\""}
                {"machine":6,"CMD":"bash","event_time":"2024-03-01T10:00:30Z","p_attack":null,"text":"a,\\"b\\""}
                """);
    }

    @Test
    void theLimitCutsAndSaysSo() {
        Runs.Result table = runs.query("--limit", "2", "SELECT PID FROM process_events ORDER BY PID");
        assertThat(table.out()).endsWith("100\n101\n(first 2 rows; more were cut by --limit 2)\n");
        Runs.Result csv = runs.query("--limit", "2", "--format", "csv", "SELECT PID FROM process_events ORDER BY PID");
        assertThat(csv.out()).as("the data stays clean").isEqualTo("PID\r\n100\r\n101\r\n");
        assertThat(csv.err()).isEqualTo("(first 2 rows; more were cut by --limit 2)\n");
        Runs.Result all = runs.query("--limit", "0", "--format", "csv", "SELECT PID FROM process_events");
        assertThat(all.out().lines()).hasSize(7);
        assertThat(all.err()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetReturnsItsColumns(Preset preset) {
        Map<Preset, String> headers = Map.of(
                Preset.ATTACKS_BY_MACHINE, "machine,detected_attacks,potential_attacks,attack_windows,worst_window,last_detected",
                Preset.TOP_COMMANDS, "CMD,attack_events,events,mean_p_attack,machines",
                Preset.DEADLETTER_REASONS, "topic,code,dead_letters,first_seen,last_seen,example",
                Preset.MODEL_VERSIONS, "model,model_version,events,attacks,first_event,last_event,last_decision,decided_at",
                Preset.DETECTION_TIMELINE, "minute,detected_attacks,machines,commands");
        Runs.Result r = runs.query("--preset", preset.id(), "--format", "csv");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(headers.get(preset));
        assertThat(lines).as("rows of %s", preset.id()).hasSizeGreaterThan(1);
    }

    @Test
    void presetsAnswerWithTheFixturesNumbers() {
        assertThat(runs.query("--preset", "attacks-by-machine", "--format", "csv").out()).isEqualTo(
                "machine,detected_attacks,potential_attacks,attack_windows,worst_window,last_detected\r\n"
                        + "4,1,2,2,1,2024-03-01T10:00:00Z\r\n"
                        + "5,1,1,1,1,2024-03-01T10:02:20Z\r\n");
        assertThat(runs.query("--preset", "deadletter-reasons", "--format", "csv").out().lines()
                .map(l -> l.split(",")[0] + "," + l.split(",")[1] + "," + l.split(",")[2]).toList())
                .containsExactly("topic,code,dead_letters", "memory,not-json,1", "process,absurd-value,1",
                        "process,not-json,1");
        assertThat(runs.query("--preset", "model-versions", "--format", "csv").out()).isEqualTo(
                "model,model_version,events,attacks,first_event,last_event,last_decision,decided_at\r\n"
                        + "memory,1,3,1,2024-03-01T10:00:05Z,2024-03-01T10:00:33Z,Promoted,2024-03-01T09:59:00Z\r\n"
                        + "memory,2,2,1,2024-03-01T10:02:30Z,2024-03-01T10:02:40Z,Promoted,2024-03-01T10:02:05Z\r\n"
                        + "process,1,3,1,2024-03-01T10:00:00Z,2024-03-01T10:00:20Z,Promoted,2024-03-01T09:59:00Z\r\n"
                        + "process,,1,0,2024-03-01T10:00:30Z,2024-03-01T10:00:30Z,,\r\n"
                        + "process,2,2,2,2024-03-01T10:02:10Z,2024-03-01T10:02:20Z,Promoted,2024-03-01T10:02:05Z\r\n");
    }

    @Test
    void oldInt96AndNewMicrosTimestampsReadAlike() {
        Runs.Result r = runs.query("--format", "csv", "SELECT PID, event_time FROM memory_events ORDER BY PID");
        assertThat(r.out()).isEqualTo("PID,event_time\r\n"
                + "100,2024-03-01T10:00:05Z\r\n"     // INT96 file
                + "101,2024-03-01T10:00:12Z\r\n"
                + "201,2024-03-01T10:02:30Z\r\n"     // TIMESTAMP_MICROS file
                + "202,2024-03-01T10:02:40Z\r\n"
                + "300,2024-03-01T10:00:33Z\r\n");
    }

    @Test
    void aColumnTheFilesDoNotHaveYetIsNull() {
        Runs.Result r = runs.query("--format", "csv",
                "SELECT topic, offset, raw_bytes, raw_truncated, date FROM deadletter ORDER BY topic, offset");
        assertThat(r.out()).isEqualTo("topic,offset,raw_bytes,raw_truncated,date\r\n"
                + "memory,3,,,2024-03-01\r\nprocess,7,,,2024-03-01\r\nprocess,9,,,2024-03-01\r\n");
    }

    @Test
    void modelHistoryHasBothKindsWithTheirModel() {
        Runs.Result r = runs.query("--format", "csv", "SELECT model, generation, at, action, version, from_version,"
                + " to_version, evidence['f1'] AS f1, by FROM model_history ORDER BY model, generation");
        assertThat(r.out()).isEqualTo("model,generation,at,action,version,from_version,to_version,f1,by\r\n"
                + "memory,1,2024-03-01T09:59:00Z,Promoted,1,,1,0.91,stophack models activate\r\n"
                + "memory,2,2024-03-01T10:02:05Z,Promoted,2,1,2,0.93,stophack rollout watch\r\n"
                + "process,1,2024-03-01T09:59:00Z,Promoted,1,,1,0.91,stophack models activate\r\n"
                + "process,2,2024-03-01T10:02:05Z,Promoted,2,1,2,0.93,stophack rollout watch\r\n");
    }

    @Test
    void aTableWithoutFilesIsEmptyWithItsColumns() throws Exception {
        Path fresh = Files.createDirectories(folder.resolve("fresh"));
        for (Table t : Table.values()) {
            Runs.Result r = runs.query("--data", fresh.toString(), "--format", "csv", "SELECT * FROM " + t.sqlName());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines().toList()).as(t.sqlName()).containsExactly(String.join(",", t.schema().fieldNames()));
        }
        assertThat(Table.DETECTED_ATTACKS.schema()).isEqualTo(OutputSchemas.detectedAttacks());
        assertThat(Arrays.asList(Table.PROCESS_EVENTS.schema().fieldNames())).startsWith(
                EventKind.PROCESS.columns().toArray(String[]::new));
    }

    @Test
    void aBadStatementIsOneLineAndExitCode2() {
        Runs.Result r = runs.query("SELEC machine FROM process_events");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("stophack query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'");

        Runs.Result column = runs.query("SELECT no_such_column FROM process_events");
        assertThat(column.code()).isEqualTo(2);
        assertThat(column.errLines()).hasSize(1);
        assertThat(column.err()).contains("no_such_column").doesNotContain("Project");
    }

    @Test
    void aStatementThatFailsWhileRunningIsOneLineWithTheRealError() {
        Runs.Result r = runs.query("SELECT assert_true(machine < 5, 'a machine above 4') FROM process_events");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).as("the task failure's own message, not Spark's wrapper")
                .isEqualTo("stophack query: a machine above 4\n");
    }

    @Test
    void aMissingTableIsOneLineThatListsTheTables() {
        Runs.Result r = runs.query("SELECT * FROM attacks");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("stophack query: no table attacks (tables: process_events, memory_events,"
                + " potential_attacks, detected_attacks, deadletter, weblog_events, ratelimit_alerts, errorsurge_alerts,"
                + " model_history)\n");
    }

    @Test
    void anEndpointThatDoesNotAnswerIsOneLineAndExitCode2() {
        String endpoint = "http://127.0.0.1:" + FreePort.pick();
        Runs nowhere = new Runs(spark, List.of("--s3-endpoint", endpoint, "--access-key", "k", "--secret-key", "s"));
        Runs.Result r = nowhere.query("SELECT 1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("stophack query: cannot reach S3 at " + endpoint + ": ");
        assertThat(nowhere.sessionsCreated).as("no Spark for nothing").hasValue(0);

        Runs.Result bucket = runs.query("--data", "s3a://no-such-bucket", "SELECT 1");
        assertThat(bucket.code()).isEqualTo(2);
        assertThat(bucket.err()).isEqualTo("stophack query: no bucket 'no-such-bucket' at " + SERVICES.s3Endpoint() + "\n");

        Runs.Result folderMissing = runs.query("--data", folder.resolve("nothing-here").toString(), "SELECT 1");
        assertThat(folderMissing.code()).isEqualTo(2);
        assertThat(folderMissing.errLines()).hasSize(1);
        assertThat(folderMissing.err()).startsWith("stophack query: no folder ");
    }

    @Test
    void badFlagsAreOneLineToo() {
        assertThat(runs.query("--preset", "top-commands", "SELECT 1").err())
                .isEqualTo("stophack query: give SQL or --preset, not both\n");
        Runs.Result unknown = runs.query("--preset", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("stophack query: no preset 'nope' (presets: attacks-by-machine, top-commands,"
                + " deadletter-reasons, model-versions, detection-timeline)\n");
        assertThat(runs.query("--format", "xml", "SELECT 1").err())
                .isEqualTo("stophack query: --format must be table, csv or json, not 'xml'\n");
    }

    @Test
    void helpListsEveryPresetWithItsMeaningAndSql() {
        Runs.Result help = runs.query("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out().lines()).as("fits 80 columns").allMatch(l -> l.length() <= 80);
        for (Preset p : Preset.values()) {
            assertThat(help.out()).contains("  " + p.id() + "\n    " + p.meaning() + "\n");
            p.sql().lines().forEach(line -> assertThat(help.out()).contains(line));
        }
    }
}
