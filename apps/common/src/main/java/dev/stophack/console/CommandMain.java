package dev.stophack.console;

import picocli.CommandLine;

/**
 * Runs a picocli command the stophack way: a bad argument or a failure is one line on stderr
 * and a non-zero exit code, not a usage dump or a stack trace.
 */
public final class CommandMain {
    /** Exit code for bad arguments and unusable input (missing file, missing column). */
    public static final int USAGE = 2;

    private CommandMain() {
    }

    /** Parses {@code args}, runs {@code command} and returns the exit code. */
    public static int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, params) -> {
            CommandLine line = e.getCommandLine();
            line.getErr().println(line.getCommandName() + ": " + e.getMessage()
                    + " (try '" + line.getCommandName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getCommandName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("stophack.debug")) {
                e.printStackTrace(line.getErr());
            }
            return e instanceof IllegalArgumentException || e instanceof dev.stophack.csv.CsvException ? USAGE : 1;
        });
        return cli.execute(args);
    }
}
