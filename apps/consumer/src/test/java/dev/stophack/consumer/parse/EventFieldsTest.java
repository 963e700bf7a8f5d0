package dev.stophack.consumer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.api.events.EventKind;
import dev.stophack.csv.CsvReader;
import dev.stophack.events.EventEncoder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventFieldsTest {
    private final EventFields fields = new EventFields();

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTsFromWhatTheEncoderOfTheContractWrites() throws IOException {
        String csv = "sequence,machine,PID,TRUN,TSLPI,TSLPU,POLI,NICE,PRI,RTPR,CPUNR,Status,EXC,State,CPU,CMD\n"
                + "17,4,1203,1,0,0,norm,0,120,0,1,-,0,S,2.5K,\"sshd: root\"\n";
        try (CsvReader reader = CsvReader.of(new StringReader(csv), "test")) {
            byte[] value = new EventEncoder(EventKind.PROCESS, reader.header()).encode(reader.next(), 1_700_000_005L);

            assertThat(fields.tsFromTail(value)).as("the fast path matches the producer's layout").isTrue();
            assertThat(fields.read(value, true, false)).isTrue();
            assertThat(fields.ts).isEqualTo(1_700_000_005L);
            assertThat(fields.read(value, true, true)).isTrue();
            assertThat(fields.ts).isEqualTo(1_700_000_005L);
            assertThat(fields.machine).isEqualTo("4");
        }
    }

    @Test
    void readsTsWhereverItIsAndHoweverItIsWritten() {
        assertRead("{\"ts\": 1700000000, \"machine\": \"5\", \"CMD\": \"x\"}", 1_700_000_000L);
        assertRead("{\"machine\":5,\"ts\":1700000000.75}", 1_700_000_000L);
        assertRead("{\"machine\":5,\"ts\":\"1700000001\"}", 1_700_000_001L);
        assertRead("{ \"a\" : [1, {\"ts\": 9}], \"ts\" : 1700000002 }\n", 1_700_000_002L);
        assertRead("{\"nested\":{\"x\":1},\"ts\":1700000003}", 1_700_000_003L);

        assertThat(fields.read(json("{\"machine\":5,\"ts\":1700000000}"), true, true)).isTrue();
        assertThat(fields.machine).as("a numeric machine id").isEqualTo("5");
        assertThat(fields.read(json("{\"ts\":1700000000,\"machine\":\" 6 \",\"CMD\":[1]}"), false, true)).isTrue();
        assertThat(fields.machine).isEqualTo("6");
    }

    @Test
    void theFastPathDoesNotTakeTsFromANestedObjectOrAString() {
        assertThat(fields.tsFromTail(json("{\"ts\":5,\"inner\":{\"ts\":1700000000}}"))).isFalse();
        assertThat(fields.tsFromTail(json("{\"CMD\":\"a\\\"ts\":1700000000}"))).isFalse();
        assertThat(fields.read(json("{\"ts\":5,\"inner\":{\"ts\":1700000000}}"), true, false)).isTrue();
        assertThat(fields.ts).as("the top-level ts, not the nested one").isEqualTo(5);
    }

    @Test
    void saysWhyWhenItCannotRead() {
        assertFailure("not json", SkipReason.NOT_JSON);
        assertFailure("[1,2]", SkipReason.NOT_JSON);
        assertFailure("{\"machine\":\"4\",\"ts\":", SkipReason.NOT_JSON);
        assertFailure("{\"machine\":\"4\"}", SkipReason.NO_TS);
        assertFailure("{\"machine\":\"4\",\"ts\":\"soon\"}", SkipReason.NO_TS);
        assertFailure("{\"machine\":\"4\",\"ts\":null}", SkipReason.NO_TS);
        assertFailure("{\"machine\":\"4\",\"ts\":\"NaN\"}", SkipReason.NO_TS);
        assertThat(fields.read(null, true, false)).isFalse();
        assertThat(fields.failure).isEqualTo(SkipReason.NOT_JSON);
        assertThat(fields.read(json("{\"ts\":1}"), true, true)).isFalse();
        assertThat(fields.failure).isEqualTo(SkipReason.NO_MACHINE);
        assertThat(fields.read(json("{\"machine\":\" \",\"ts\":1}"), false, true)).isFalse();
        assertThat(fields.failure).isEqualTo(SkipReason.NO_MACHINE);
    }

    @Test
    void machineKeysDecodeOnceAndTreatEmptyKeysAsMissing() {
        MachineKeys keys = new MachineKeys();
        String first = keys.machine(json("7"));
        assertThat(first).isEqualTo("7");
        assertThat(keys.machine(json("7"))).isSameAs(first);
        assertThat(keys.machine(json("8"))).isEqualTo("8");
        assertThat(keys.machine(new byte[0])).isNull();
        assertThat(keys.machine(null)).isNull();
    }

    private void assertRead(String value, long ts) {
        assertThat(fields.read(json(value), true, false)).as(value).isTrue();
        assertThat(fields.ts).as(value).isEqualTo(ts);
    }

    private void assertFailure(String value, SkipReason reason) {
        assertThat(fields.read(json(value), true, false)).as(value).isFalse();
        assertThat(fields.failure).as(value).isEqualTo(reason);
    }
}
