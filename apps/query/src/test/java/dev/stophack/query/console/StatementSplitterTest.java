package dev.stophack.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    private static List<String> split(boolean lineMode, String... lines) {
        StatementSplitter s = new StatementSplitter(lineMode);
        List<String> all = new ArrayList<>();
        for (String line : lines) {
            all.addAll(s.feed(line));
        }
        all.addAll(s.finish());
        return all;
    }

    @Test
    void inLineModeEachLineIsAStatementAndSemicolonsSplitALine() {
        assertThat(split(true, "SELECT 1", "SELECT 2; SELECT 3;", "", "  ")).containsExactly("SELECT 1", "SELECT 2",
                "SELECT 3");
    }

    @Test
    void aVisiblyUnfinishedLineGoesOnToTheNext() {
        assertThat(split(true, "SELECT machine,", "count(*) FROM", "process_events GROUP BY", "machine"))
                .containsExactly("SELECT machine,\ncount(*) FROM\nprocess_events GROUP BY\nmachine");
        assertThat(split(true, "SELECT (1 +", "2) AS three")).containsExactly("SELECT (1 +\n2) AS three");
        assertThat(split(true, "SELECT 'a", "b' AS text")).containsExactly("SELECT 'a\nb' AS text");
    }

    @Test
    void withoutLineModeOnlySemicolonsEndStatements() {
        assertThat(split(false, "SELECT machine", "FROM process_events;", "SELECT 2", "FROM x"))
                .containsExactly("SELECT machine\nFROM process_events", "SELECT 2\nFROM x");
    }

    @Test
    void quotedSemicolonsAndCommentsAreNotEnds() {
        assertThat(split(true, "SELECT ';' AS s, \"a;b\" AS t -- a comment; not a statement"))
                .containsExactly("SELECT ';' AS s, \"a;b\" AS t");
        assertThat(split(true, "SELECT 'it\\'s' AS s")).containsExactly("SELECT 'it\\'s' AS s");
    }

    @Test
    void backslashCommandsStandAlone() {
        assertThat(split(false, "\\tables", "SELECT 1", "FROM t;", "\\q")).containsExactly("\\tables",
                "SELECT 1\nFROM t", "\\q");
    }

    @Test
    void semicolonsDecideTheModeOfAScript() {
        assertThat(Repl.usesSemicolons("SELECT 1\nSELECT 2\n")).isFalse();
        assertThat(Repl.usesSemicolons("SELECT ';' -- ;\n")).isFalse();
        assertThat(Repl.usesSemicolons("SELECT 1;\n")).isTrue();
    }
}
