package dev.stophack.faults.feed;

import dev.stophack.api.events.EventKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Records the streaming job must dead-letter, of many kinds: not JSON at all, JSON of the wrong
 * shape, fields of the wrong type or absurd value, an event from the future, input built to
 * exhaust a parser. Each kind varies with the record's number, so no two records are the same.
 */
public final class Malformed {
    /** One kind of bad record. */
    public record Kind(String name, LongFunction<byte[]> record) {
    }

    private static final long T0 = Telemetry.T0;

    public static final List<Kind> KINDS = List.of(
            text("not-json", i -> "not json{" + i),
            text("empty", i -> ""),
            text("truncated", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":"),
            text("array", i -> "[" + i + ",2,3]"),
            text("json-null", i -> "null"),
            text("json-number", i -> String.valueOf(i)),
            new Kind("invalid-utf8", i -> new byte[] {'{', '"', 'C', 'M', 'D', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
                    (byte) (i & 0x7F), '"', '}'}),
            new Kind("binary", i -> {
                byte[] b = new byte[64];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) (0x80 | ((i + k) & 0x7F));
                }
                return b;
            }),
            text("missing-fields", i -> "{\"machine\":4,\"PID\":" + i + ",\"CPU\":5}"),
            text("machine-not-a-number", i -> "{\"machine\":\"four\",\"PID\":" + i + ",\"ts\":" + T0 + "}"),
            text("unparseable-number", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":" + T0 + ",\"CPU\":\"12Q\",\"MEM\":\"1Z\"}"),
            text("negative-size", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":" + T0 + ",\"CPU\":-5,\"RSIZE\":\"-3K\"}"),
            text("future-event", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":" + (T0 + 50L * 365 * 86_400) + "}"),
            text("wrong-type", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":" + T0 + ",\"CMD\":{\"x\":1}}"),
            text("too-deep", i -> "{\"machine\":4,\"PID\":" + i + ",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}"),
            text("huge-number", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":" + T0 + ",\"CPU\":" + "9".repeat(3000) + ",\"MEM\":" + "9".repeat(3000) + "}"),
            text("huge-string", i -> "{\"machine\":4,\"PID\":" + i + ",\"ts\":" + T0 + ",\"CMD\":\"" + "x".repeat(20_000) + "\"}"));

    private Malformed() {
    }

    private static Kind text(String name, LongFunction<String> text) {
        return new Kind(name, i -> text.apply(i).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code i}-th bad record: kinds in turn, topics in turn. */
    public static void send(long i, RecordSink sink) {
        Kind kind = KINDS.get((int) (i % KINDS.size()));
        EventKind topic = (i / KINDS.size()) % 2 == 0 ? EventKind.PROCESS : EventKind.MEMORY;
        sink.send(topic.topic(), "bad-" + kind.name(), kind.record().apply(i), true);
    }
}
