package dev.stophack.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The files that tell, without asking any server, whether the AWS default credentials chain has
 * something to find: the shared profile files under the home directory, and the firmware
 * identity of an EC2 machine (an instance role is only there). Rooted at {@code home} and
 * {@code root} so that tests can lay them out in a temporary directory.
 *
 * @param home the user's home directory ({@code ~/.aws/})
 * @param root the file system root ({@code /sys/...})
 */
public record CredentialFiles(Path home, Path root) {

    /** This machine: {@code $HOME} (as the AWS SDKs read it), else {@code user.home}, and {@code /}. */
    public static CredentialFiles ofThisMachine() {
        String home = System.getenv("HOME");
        return new CredentialFiles(Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home),
                Path.of("/"));
    }

    /** The first existing shared credentials or config file, or null. */
    Path profileFile(String credentialsOverride, String configOverride) {
        for (Path p : new Path[] {
            credentialsOverride == null ? null : Path.of(credentialsOverride),
            configOverride == null ? null : Path.of(configOverride),
            home.resolve(".aws").resolve("credentials"),
            home.resolve(".aws").resolve("config")}) {
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Whether this is an EC2 instance (or a pod on one): Nitro and Xen instances name Amazon in
     * their DMI data or hypervisor id, readable by any user and inside containers.
     */
    boolean onEc2() {
        Path dmi = root.resolve("sys/devices/virtual/dmi/id");
        return read(dmi.resolve("sys_vendor")).contains("amazon ec2")
                || read(dmi.resolve("board_asset_tag")).startsWith("i-")
                || read(root.resolve("sys/hypervisor/uuid")).startsWith("ec2");
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file).strip().toLowerCase(Locale.ROOT) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
