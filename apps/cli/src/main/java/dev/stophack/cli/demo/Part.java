package dev.stophack.cli.demo;

import java.util.List;

/**
 * One part of the demo: a {@code stophack} command run as its own process, like a pod.
 *
 * @param name      label for its log lines
 * @param args      the command and its arguments, as given to {@code ./stophack}
 * @param readyPort a 127.0.0.1 port that accepts connections once it is up, or 0
 * @param oneShot   whether it is expected to finish (a job) rather than run until stopped
 */
public record Part(String name, List<String> args, int readyPort, boolean oneShot) {

    public static Part service(String name, int readyPort, String... args) {
        return new Part(name, List.of(args), readyPort, false);
    }

    public static Part job(String name, String... args) {
        return new Part(name, List.of(args), 0, true);
    }

    /** The stophack command it runs. */
    public String command() {
        return args.get(0);
    }
}
