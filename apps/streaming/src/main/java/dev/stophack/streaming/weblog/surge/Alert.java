package dev.stophack.streaming.weblog.surge;

/**
 * An alert on the {@code alerts} topic (see {@code WeblogAlert} in the api). Times in epoch
 * milliseconds of the log; {@code host} and {@code distinctPaths} only for a scan.
 */
public record Alert(String kind, String status, long windowStart, long windowEnd, long count, long total, double ratio,
        double baseline, String host, Long distinctPaths, long decidedAt) implements java.io.Serializable {
}
