package dev.stophack.consumer.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's files, read from the classpath once: the page from {@code dashboard/}, the
 * chart library from its webjar ({@code META-INF/resources/webjars/chart.js/<version>/}), whose
 * version is read from the webjar's own Maven metadata so the code never names it.
 */
final class StaticResources {
    /** A file ready to send. */
    record Resource(byte[] body, String contentType) {
    }

    private static final String CHART_JS_META = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final Map<String, String> routes;
    private final Map<String, Resource> cache = new ConcurrentHashMap<>();

    StaticResources() {
        this.routes = Map.of(
                "/", "dashboard/index.html",
                "/index.html", "dashboard/index.html",
                "/dashboard.js", "dashboard/dashboard.js",
                "/dashboard.css", "dashboard/dashboard.css",
                "/vendor/chart.umd.js", "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.js");
    }

    /** The file served at {@code path}, or null. */
    Resource get(String path) {
        String resource = routes.get(path);
        return resource == null ? null : cache.computeIfAbsent(resource, StaticResources::load);
    }

    static String chartJsVersion() {
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(CHART_JS_META)) {
            if (in == null) {
                throw new IllegalStateException("the chart.js webjar is not on the classpath (" + CHART_JS_META + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Resource load(String resource) {
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            return new Resource(in.readAllBytes(), TYPES.getOrDefault(ext, "application/octet-stream"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
