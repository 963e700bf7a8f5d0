package dev.stophack.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RawNumberTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "42|42",
        "-7|-7",
        "+7|7",
        "3.25|3.25",
        ".5|0.5",
        "5.|5",
        "2.5K|2500",
        "540K|540000",
        "12.0M|12000000",
        "1.2G|1200000000",
        "0.5T|500000000000",
        "123B|123",
        "' 3 K'|3000",
        "'  12M'|12000000",
        "'1 2K'|12000",
        "-3.5M|-3500000",
        "'- 3.5M'|-3500000",
        "2.5k|2500",
        "12m|12000000",
        "7.5%|7.5",
        "'42 '|42",
        "'\t9\t'|9",
        "999999999999999999|999999999999999999",
        "0.000001|0.000001",
    })
    void normalisesNumbersWithUnits(String raw, double expected) {
        RawNumber.Result result = RawNumber.parse(raw);
        assertThat(result.ok()).as(raw).isTrue();
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.valueOrNull()).isEqualTo(expected);
        assertThat(RawNumber.value(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|blank",
        "'   '|blank",
        "-|not available",
        "' - '|not available",
        "OVFLOW|overflow",
        "ovflow|overflow",
        "abc|unparseable",
        "K|unparseable",
        "1.2.3|unparseable",
        "12KB|unparseable",
        "1e5|unparseable",
        "--5|unparseable",
        "5-|unparseable",
        "12X|unparseable",
        "1,5|unparseable",
        "NaN|unparseable",
        "Infinity|unparseable",
        "1234567890123456789012|unparseable",
        ".|unparseable",
        "+|unparseable",
    })
    void explainsWhatItCannotRead(String raw, String reason) {
        RawNumber.Result result = RawNumber.parse(raw);
        assertThat(result.ok()).as(raw).isFalse();
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.valueOrNull()).isNull();
        assertThat(RawNumber.value(raw)).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2G", "12.0M", "2.5K", "0.1K", "3.3M"})
    void decimalsScaleExactly(String raw) {
        // 1.2G must be 1200000000 exactly, not 1200000000.0000002: values are compared and summed later
        double v = RawNumber.value(raw);
        assertThat(v).isEqualTo(Math.rint(v));
    }

    @org.junit.jupiter.api.Test
    void nullIsBlank() {
        assertThat(RawNumber.parse(null).reason()).isEqualTo(RawNumber.BLANK);
        assertThat(RawNumber.value(null)).isNaN();
    }
}
