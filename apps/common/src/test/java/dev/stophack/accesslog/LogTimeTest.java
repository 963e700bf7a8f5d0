package dev.stophack.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.generate.weblog.LineFormat;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogTimeTest {
    static long read(String bracketed) {
        byte[] b = bracketed.getBytes(StandardCharsets.US_ASCII);
        return LogTime.ofLine(b, b.length);
    }

    @Test
    void everyDayFrom1970To2400IsTheDayJavaTimeSays() {
        for (LocalDate d = LocalDate.of(1970, 1, 1); d.getYear() < 2400; d = d.plusDays(1)) {
            assertThat(LogTime.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(d.toEpochDay());
            assertThat(LogTime.daysIn(d.getYear(), d.getMonthValue())).isEqualTo(d.lengthOfMonth());
        }
    }

    @Test
    void bothFormatsReadBackWhatTheGeneratorWrote() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(0, 4_102_444_800L); // up to 2100
            for (LineFormat format : LineFormat.values()) {
                assertThat(read("1.2.3.4 - - " + format.time(second) + " \"GET / HTTP/1.1\" 200 1")).isEqualTo(second);
            }
        }
    }

    @Test
    void zonesAndWhatIsNotATime() {
        assertThat(read("[18/May/2004:07:58:48 +0200]")).isEqualTo(read("[2004-05-18 05:58:48]"));
        assertThat(read("[2004-05-18T05:58:48 -0130]")).isEqualTo(read("[2004-05-18 07:28:48]"));
        assertThat(read("[18/May/2004:05:58:48]")).isEqualTo(read("[2004-05-18 05:58:48]"));
        assertThat(read("no time")).isEqualTo(LogTime.INVALID);
        assertThat(read("[2004-05-18 05:58:48")).isEqualTo(LogTime.INVALID);
        assertThat(read("[2004-02-30 05:58:48]")).isEqualTo(LogTime.INVALID);
        assertThat(read("[2004-05-18 05:58:48 +2400]")).isEqualTo(LogTime.INVALID);
        assertThat(read("[2004-05-18 05:58:48Z]")).isEqualTo(LogTime.INVALID);
    }
}
