package dev.stophack.cli.demo.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition ({@code /metrics}), as the demo's status line
 * reads them from the producers and the streaming job. Comments and lines it cannot read are
 * left out: a figure is missing rather than wrong.
 */
public final class PrometheusText {
    /** One sample: {@code name{label="value",...} number}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Sample s = sample(line.strip());
            if (s != null) {
                samples.add(s);
            }
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of every sample of {@code name}, whatever its labels; null when there is none. */
    public Double sum(String name) {
        Double total = null;
        for (Sample s : samples) {
            if (s.name().equals(name)) {
                total = (total == null ? 0 : total) + s.value();
            }
        }
        return total;
    }

    /** The samples of {@code name} by the value of their label {@code label}. */
    public Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Sample s : samples) {
            String key = s.labels().get(label);
            if (s.name().equals(name) && key != null) {
                values.merge(key, s.value(), Double::sum);
            }
        }
        return values;
    }

    private static Sample sample(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            int close = line.lastIndexOf('}');
            if (close < brace) {
                return null;
            }
            name = line.substring(0, brace);
            if (!labels(line.substring(brace + 1, close), labels)) {
                return null;
            }
            rest = line.substring(close + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        String number = rest.split("\\s+")[0]; // a timestamp may follow
        try {
            return new Sample(name, labels, Double.parseDouble(number.replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code a="x",b="y\"z"} into {@code into}; false when it is not that shape. */
    private static boolean labels(String text, Map<String, String> into) {
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                return text.substring(i).isBlank();
            }
            String key = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char n = text.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            if (j >= text.length()) {
                return false;
            }
            into.put(key, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return true;
    }
}
