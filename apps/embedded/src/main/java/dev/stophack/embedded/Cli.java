package dev.stophack.embedded;

import picocli.CommandLine;

/** How the embedded commands run under picocli. */
final class Cli {
    private Cli() {
    }

    /**
     * Runs {@code command} and returns its exit code. Bad arguments print one line (not the whole
     * usage) and exit 2; a failure to start (port taken, unreadable data directory) prints one line
     * with its causes instead of a stack trace, since the cause chain is what says which port or
     * file, and exits 1.
     */
    static int execute(Object command, String... args) {
        return new CommandLine(command)
                .setParameterExceptionHandler((e, badArgs) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println(cmd.getColorScheme().errorText(
                            cmd.getCommandName() + ": " + e.getMessage() + " (see --help)"));
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandName() + ": " + describe(e)));
                    return cmd.getCommandSpec().exitCodeOnExecutionException();
                })
                .execute(args);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return text.toString();
    }
}
