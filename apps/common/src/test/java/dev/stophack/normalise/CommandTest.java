package dev.stophack.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void angleBracketsMeanTheProcessEnded() {
        Command c = Command.of("<kworker>");
        assertThat(c.raw()).isEqualTo("<kworker>");
        assertThat(c.name()).isEqualTo("kworker");
        assertThat(c.ended()).isTrue();
    }

    @Test
    void plainNamesAreRunning() {
        Command c = Command.of("sshd");
        assertThat(c.name()).isEqualTo("sshd");
        assertThat(c.ended()).isFalse();
        assertThat(Command.of("<").ended()).isFalse();
        assertThat(Command.of("<>").name()).isEmpty();
        assertThat(Command.of("a<b>").ended()).isFalse();
        assertThat(Command.of(null).name()).isNull();
    }
}
