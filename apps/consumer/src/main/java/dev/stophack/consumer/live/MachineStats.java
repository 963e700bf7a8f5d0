package dev.stophack.consumer.live;

/**
 * How the machine limit stands.
 *
 * @param tracked machines with counts kept
 * @param max machines tracked at most ({@code --max-machines})
 * @param untracked machines whose rows were refused within the history and window
 * @param untrackedAtLeast whether there were more than could be remembered: {@code untracked} is then a lower bound
 */
public record MachineStats(int tracked, int max, int untracked, boolean untrackedAtLeast) {
}
