package dev.stophack.producer.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code --csv} points: a local file (a path or {@code file://}) or an S3 object
 * ({@code s3a://bucket/key}, or {@code s3://}). Any other scheme is refused up front.
 */
public sealed interface CsvLocation {
    Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    /** Parses the {@code --csv} value; an unknown scheme or an incomplete S3 URI is an {@link IllegalArgumentException}. */
    static CsvLocation parse(String value) {
        return parse(value, "--csv");
    }

    /** Parses the value of {@code flag} ({@code --log}, say), naming the flag in what it refuses. */
    static CsvLocation parse(String value, String flag) {
        Matcher m = SCHEME.matcher(value);
        if (!m.find()) {
            return new LocalFile(Path.of(value));
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                try {
                    return new LocalFile(Path.of(new URI(value)));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(flag + " " + value + ": not a usable file URI (" + e.getMessage() + ")");
                }
            case "s3a":
            case "s3":
                String rest = value.substring(m.end());
                int slash = rest.indexOf('/');
                if (slash <= 0 || slash == rest.length() - 1) {
                    throw new IllegalArgumentException(flag + " " + value + ": expected " + scheme + "://BUCKET/KEY");
                }
                return new S3Object(value, rest.substring(0, slash), rest.substring(slash + 1));
            default:
                throw new IllegalArgumentException(flag + " " + value + ": unknown scheme '" + scheme
                        + "' (expected a file path, file://, s3a:// or s3://)");
        }
    }

    /** A file on this machine. */
    record LocalFile(Path path) implements CsvLocation {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An object in the S3 bucket {@code bucket}; {@code uri} is what the user wrote, for messages. */
    record S3Object(String uri, String bucket, String key) implements CsvLocation {
        @Override
        public String toString() {
            return uri;
        }
    }
}
