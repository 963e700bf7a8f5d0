package dev.stophack.query;

import dev.stophack.config.S3Options;
import dev.stophack.console.CommandMain;
import dev.stophack.query.console.Repl;
import dev.stophack.query.data.DataRoot;
import dev.stophack.query.data.TableCatalog;
import dev.stophack.query.output.OutputFormat;
import dev.stophack.query.sql.Preset;
import dev.stophack.query.sql.QueryEngine;
import dev.stophack.query.sql.ResultTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stophack query}: Spark SQL over the pipeline's parquet and the model history. */
@Command(name = "stophack query", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {
            "Runs Spark SQL over what the pipeline wrote: the tables process_events,",
            "memory_events, potential_attacks, detected_attacks, deadletter and",
            "model_history (their columns: docs/query.md). With no SQL and no --preset",
            "it reads statements from stdin, one per line or ended by ';', in one Spark",
            "session (\\tables lists the tables, \\q quits)."})
public final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "The statement to run.")
    String sql;

    @Option(names = "--preset", paramLabel = "NAME", description = "Run a named query (listed below) instead of SQL.")
    String preset;

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "table: aligned columns; csv: RFC 4180 with a header; json: one object a line.")
    String format;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Print at most N rows, and say so when there were more; 0 prints all.")
    int limit;

    @Option(names = "--data", paramLabel = "DIR|s3a://BUCKET[/PREFIX]",
            description = "Where the outputs are: the root of events/, attacks/, deadletter/ and models/ (the streaming"
                    + " job's --output). Default: s3a://BUCKET on --s3-endpoint.")
    String data;

    @Mixin
    S3Options s3 = new S3Options();

    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    /** Whether stdin is a terminal, for the prompt. */
    boolean terminal = System.console() != null;
    /** Makes the Spark session for a data root; tests give their own. */
    Function<DataRoot, Supplier<SparkSession>> sessions = root -> QuerySessions.forRoot("stophack-query", root, s3);

    public static void main(String[] args) {
        System.exit(CommandMain.run(commandLine(new QueryCommand()), args));
    }

    /** The command line with the presets in its help. */
    static CommandLine commandLine(QueryCommand command) {
        CommandLine cli = new CommandLine(command);
        // picocli formats each help line: %n is a blank line, and a % of the SQL must not be read as a format
        cli.getCommandSpec().usageMessage().footer(Stream.concat(Stream.of("%n"), Preset.help().stream()
                .map(line -> line.isEmpty() ? "%n" : line.replace("%", "%%"))).toArray(String[]::new));
        return cli;
    }

    @Override
    public Integer call() throws IOException {
        try {
            OutputFormat output = output();
            if (limit < 0) {
                throw new QueryError("--limit must be 0 (all rows) or more");
            }
            String statement = statement();
            DataRoot root = DataRoot.of(data, s3);
            root.check(s3);
            QueryEngine engine = new QueryEngine(sessions.apply(root), new TableCatalog(root));
            if (statement != null) {
                ResultTable result = engine.run(statement, limit);
                output.write(result, out);
                if (result.cut() && output != OutputFormat.TABLE) {
                    err.println(OutputFormat.summary(result)); // keeps the data on stdout clean
                }
                return 0;
            }
            Repl repl = new Repl(engine, out, err, output, limit);
            if (terminal) {
                repl.terminal(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } else {
                repl.script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return 0;
        } catch (QueryError e) {
            err.println("stophack query: " + e.getMessage());
            if (Boolean.getBoolean("stophack.debug")) {
                e.printStackTrace(err);
            }
            return CommandMain.USAGE;
        } finally {
            out.flush();
        }
    }

    private OutputFormat output() {
        try {
            return OutputFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QueryError("--format must be table, csv or json, not '" + format + "'");
        }
    }

    /** The SQL to run once, or null for the interactive mode. */
    private String statement() {
        if (preset != null && sql != null) {
            throw new QueryError("give SQL or --preset, not both");
        }
        if (preset != null) {
            try {
                return Preset.of(preset).sql();
            } catch (IllegalArgumentException e) {
                throw new QueryError(e.getMessage());
            }
        }
        if (sql != null && sql.isBlank()) {
            throw new QueryError("the SQL is empty");
        }
        return sql;
    }
}
