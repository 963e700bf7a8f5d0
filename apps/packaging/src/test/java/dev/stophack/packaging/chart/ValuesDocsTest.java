package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.packaging.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every value of values.yaml has a "# --" comment, and the chart README's table lists each one. */
class ValuesDocsTest {
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_-]+):(.*)$");

    record Key(String path, boolean described, boolean parent) {
    }

    static List<Key> keys() throws IOException {
        List<String> lines = Files.readAllLines(Repo.CHART.resolve("values.yaml"));
        List<Key> out = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        boolean described = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("# -- ")) {
                described = true;
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int depth = m.group(1).length() / 2;
            while (stack.size() > depth) {
                stack.remove(stack.size() - 1);
            }
            stack.add(m.group(2));
            // a key with nothing after the colon opens a nested block (a map of values, or a list)
            boolean parent = m.group(3).isBlank() && i + 1 < lines.size() && lines.get(i + 1).startsWith(m.group(1) + "  ")
                    && !lines.get(i + 1).strip().startsWith("- ");
            out.add(new Key(String.join(".", stack), described, parent));
            described = false;
        }
        return out;
    }

    @Test
    void everyValueIsDescribedInValuesYamlAndTheReadme() throws IOException {
        String readme = Files.readString(Repo.CHART.resolve("README.md"));
        List<String> undescribed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Key> keys = keys();
        for (Key k : keys) {
            // a parent is described by its children, unless it is itself a documented value (resources)
            boolean childDescribed = keys.stream().anyMatch(c -> c.path().startsWith(k.path() + ".") && c.described());
            if (!k.described() && !(k.parent() && childDescribed) && !isUnderDescribed(keys, k)) {
                undescribed.add(k.path());
            }
            if (k.described() && !readme.contains("| `" + k.path() + "` |")) {
                missing.add(k.path());
            }
        }
        assertThat(undescribed).as("values without a '# --' comment").isEmpty();
        assertThat(missing).as("values missing from helm/stophack/README.md's table").isEmpty();
    }

    /** Keys inside a value documented as a whole (e.g. resources.requests.cpu). */
    private static boolean isUnderDescribed(List<Key> keys, Key k) {
        return keys.stream().anyMatch(p -> p.described() && k.path().startsWith(p.path() + "."));
    }
}
