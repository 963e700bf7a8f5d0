package dev.stophack.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * Runs {@code stophack query} and {@code stophack report} in this JVM as the launcher would, with
 * their output captured and the test's Spark session in place of a new one (each session the
 * commands ask for is counted).
 */
final class Runs {
    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final SparkSession spark;
    private final List<String> s3Args;
    final AtomicInteger sessionsCreated = new AtomicInteger();

    Runs(SparkSession spark, List<String> s3Args) {
        this.spark = spark;
        this.s3Args = s3Args;
    }

    Result query(String... args) {
        return query("", false, args);
    }

    /** {@code stophack query args} with {@code stdin} as its input; {@code terminal} as if typed. */
    Result query(String stdin, boolean terminal, String... args) {
        QueryCommand command = new QueryCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        command.terminal = terminal;
        command.sessions = root -> () -> {
            sessionsCreated.incrementAndGet();
            return spark;
        };
        CommandLine cli = QueryCommand.commandLine(command);
        cli.setOut(new java.io.PrintWriter(command.out, true));
        cli.setErr(new java.io.PrintWriter(command.err, true));
        int code = dev.stophack.console.CommandMain.run(cli, withS3(args));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result report(String... args) {
        ReportCommand command = new ReportCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.sessions = root -> () -> {
            sessionsCreated.incrementAndGet();
            return spark;
        };
        CommandLine cli = new CommandLine(command);
        cli.setErr(new java.io.PrintWriter(command.err, true));
        int code = dev.stophack.console.CommandMain.run(cli, withS3(args));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] withS3(String... args) {
        List<String> all = new ArrayList<>(s3Args);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
