package dev.stophack.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineOrderTest {
    @Test
    void numericIdsByValueThenNames() {
        List<String> ids = new ArrayList<>(List.of("web", "10", "8", "008", "4", "db"));
        ids.sort(MachineOrder.NATURAL);
        assertThat(ids).containsExactly("4", "008", "8", "10", "db", "web");
    }
}
