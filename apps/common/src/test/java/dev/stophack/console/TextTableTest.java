package dev.stophack.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsAndRendersMarkdown() {
        TextTable t = new TextTable("model", "F1").row("process", "0.91").row("memory", 0.8);
        assertThat(t.render()).isEqualTo("""
                model    F1
                -------  ----
                process  0.91
                memory   0.8
                """);
        assertThat(t.markdown()).isEqualTo("""
                | model | F1 |
                |---|---|
                | process | 0.91 |
                | memory | 0.8 |
                """);
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
