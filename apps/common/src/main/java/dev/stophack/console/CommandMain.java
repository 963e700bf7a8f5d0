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
        return run(new CommandLine(command), args);
    }

    /** The same for a command line set up by the caller (its own output and error writers, say). */
    public static int run(CommandLine cli, String... args) {
        ParentWatch.start(cli.getCommandName());
        cli.setParameterExceptionHandler((e, params) -> {
            CommandLine line = e.getCommandLine();
            line.getErr().println(line.getCommandName() + ": " + e.getMessage()
                    + " (try '" + line.getCommandName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getCommandName() + ": " + describe(e));
            if (Boolean.getBoolean("stophack.debug")) {
                e.printStackTrace(line.getErr());
            }
            return e instanceof IllegalArgumentException || e instanceof dev.stophack.csv.CsvException ? USAGE : 1;
        });
        return cli.execute(args);
    }

    /** The message and its causes on one line: the cause is often what names the port or file. */
    public static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }
}
