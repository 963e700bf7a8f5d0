package dev.stophack.streaming.weblog.surge;

import java.util.List;
import java.util.SortedMap;

/**
 * One final window of the log, as the surge detector sees it: all requests, requests per status,
 * and the hosts that asked for many distinct paths answered 404 (the only ones that can be scans).
 * Times in epoch milliseconds.
 */
public record WindowCounts(long start, long end, long total, SortedMap<Integer, Long> byStatus, List<HostCounts> hosts) {

    /** One host's requests in the window: all, those answered 404, and the distinct paths of those. */
    public record HostCounts(String host, long requests, long notFound, long distinctNotFoundPaths) implements java.io.Serializable {
    }
}
