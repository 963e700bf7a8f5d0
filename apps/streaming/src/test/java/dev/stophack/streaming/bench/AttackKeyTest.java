package dev.stophack.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttackKeyTest {
    private static final long T = 1_796_082_305_000L; // 2026-11-30T23:45:05Z

    @Test
    void theTopicsTextAndTheParquetsTimestampGiveTheSameKey() {
        AttackKey fromTopic = AttackKey.of(4, "sshd_812", "2026-11-30T23:45:05.000Z", "2026-11-30T23:45:25.000+00:00");
        AttackKey fromParquet = new AttackKey(4, "sshd_812", AttackKey.sparkTextMs("2026-11-30 23:45:05"),
                AttackKey.sparkTextMs("2026-11-30 23:45:25"));
        assertThat(fromTopic).isEqualTo(fromParquet);
        assertThat(fromTopic.processEventMs()).isEqualTo(T);
    }

    @Test
    void fractionsAreKeptToTheMillisecond() {
        assertThat(AttackKey.epochMs("2026-11-30T23:45:05.123456Z")).isEqualTo(T + 123);
        assertThat(AttackKey.sparkTextMs("2026-11-30 23:45:05.123456")).isEqualTo(T + 123);
    }

    @Test
    void anAttackIsDetectableOnceItsLaterEventExists() {
        assertThat(new AttackKey(4, "x", T, T + 20_000).eventMs()).isEqualTo(T + 20_000);
        assertThat(new AttackKey(4, "x", T + 29_000, T).eventMs()).isEqualTo(T + 29_000);
    }
}
