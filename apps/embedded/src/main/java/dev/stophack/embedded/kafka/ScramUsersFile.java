package dev.stophack.embedded.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The users of {@code stophack kafka --scram-users}: a properties file of {@code user=password} lines. */
public final class ScramUsersFile {
    private ScramUsersFile() {
    }

    public static Map<String, String> read(Path file) {
        String where = "--scram-users " + file;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(where + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": cannot read it (" + e.getMessage() + ")");
        }
        Map<String, String> users = new TreeMap<>();
        for (String user : p.stringPropertyNames()) {
            String password = p.getProperty(user);
            if (user.isBlank() || password.isEmpty()) {
                throw new IllegalArgumentException(where + ": user '" + user + "' has no password");
            }
            users.put(user.strip(), password);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(where + ": no users (expected user=password lines)");
        }
        return users;
    }
}
