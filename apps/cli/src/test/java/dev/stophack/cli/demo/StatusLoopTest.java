package dev.stophack.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLoopTest {
    @Test
    void aModelChangeNamesEachKindThatChangedWithItsVersionBefore() {
        assertThat(StatusLoop.changes(Map.of("process", 1, "memory", 1), Map.of("process", 2, "memory", 1)))
                .isEqualTo("process with v2 (was v1)");
        assertThat(StatusLoop.changes(Map.of("process", 0, "memory", 0), Map.of("process", 1, "memory", 1)))
                .isEqualTo("memory with v1 (was no model), process with v1 (was no model)");
    }
}
