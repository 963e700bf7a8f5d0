package dev.stophack.streaming.weblog.surge;

import dev.stophack.api.kafka.WeblogAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The error-surge alert manager, as plain logic: it takes final windows in time order and says
 * which are surges and which hosts in them are scanning.
 *
 * <ul>
 *   <li>For every error status seen now or before ({@code "404"}, {@code "503"}) and for the
 *       classes {@code "4xx"} and {@code "5xx"}: the share of all the window's requests, against
 *       the baseline, the share in the latest windows that did not alert (see {@link SurgeRules}).
 *       A window that alerts does not teach the baseline, so a storm that lasts keeps alerting
 *       instead of becoming normal. A code seen for the first time starts with its class's history
 *       and none of its requests in it.</li>
 *   <li>A host that asked for many distinct paths answered 404, and was mostly answered 404, is a
 *       URL-busting scan, whatever the rest of the window did.</li>
 * </ul>
 *
 * An alert is decided when the window can no longer change: its end plus the watermark delay.
 */
public final class SurgeDetector {
    public static final String CLASS_4XX = "4xx";
    public static final String CLASS_5XX = "5xx";
    private static final String NOT_FOUND = "404";

    private final SurgeRules rules;

    public SurgeDetector(SurgeRules rules) {
        this.rules = rules;
    }

    /** The alerts of {@code window}; {@code baselines} learns from it. */
    public List<Alert> detect(WindowCounts window, Baselines baselines) {
        long decidedAt = window.end() + rules.watermark().toMillis();
        double notFoundBaseline = baselines.baseline(NOT_FOUND);
        TreeSet<String> series = new TreeSet<>(baselines.names());
        series.add(CLASS_4XX);
        series.add(CLASS_5XX);
        for (int status : window.byStatus().keySet()) {
            if (status >= 400) {
                baselines.startLike(String.valueOf(status), status < 500 ? CLASS_4XX : CLASS_5XX);
                series.add(String.valueOf(status));
            }
        }
        List<Alert> alerts = new ArrayList<>();
        for (String name : series) {
            long count = count(window, name);
            double baseline = baselines.baseline(name);
            long[] learnt = baselines.sums(name);
            if (rules.surge(count, window.total(), learnt[0], learnt[1], baselines.learnt(name))) {
                alerts.add(new Alert(WeblogAlert.ERROR_SURGE, name, window.start(), window.end(), count, window.total(),
                        (double) count / window.total(), baseline, null, null, decidedAt));
            } else {
                baselines.learn(name, count, window.total(), rules.history());
            }
        }
        window.hosts().stream().sorted(Comparator.comparing(WindowCounts.HostCounts::host))
                .filter(h -> rules.scan(h.requests(), h.notFound(), h.distinctNotFoundPaths()))
                .forEach(h -> alerts.add(new Alert(WeblogAlert.URL_BUSTING, NOT_FOUND, window.start(), window.end(),
                        h.notFound(), h.requests(), (double) h.notFound() / h.requests(), notFoundBaseline, h.host(),
                        h.distinctNotFoundPaths(), decidedAt)));
        return alerts;
    }

    /** Requests of a series in the window: one code, or a class. */
    static long count(WindowCounts window, String series) {
        if (series.equals(CLASS_4XX)) {
            return window.byStatus().subMap(400, 500).values().stream().mapToLong(Long::longValue).sum();
        }
        if (series.equals(CLASS_5XX)) {
            return window.byStatus().subMap(500, 600).values().stream().mapToLong(Long::longValue).sum();
        }
        return window.byStatus().getOrDefault(Integer.parseInt(series), 0L);
    }
}
