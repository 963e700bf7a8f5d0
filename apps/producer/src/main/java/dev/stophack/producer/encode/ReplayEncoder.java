package dev.stophack.producer.encode;

import dev.stophack.events.EventEncoder;
import dev.stophack.producer.source.MachineRows;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The event JSON of rows that are sent again and again (the producer replays its CSV). A row's
 * JSON changes from one send to the next only in its last field, {@code ts}, so the contract's
 * {@link EventEncoder} encodes each row once and later sends copy that body and append the
 * time: a send costs an array copy, not a JSON generation, which keeps load mode close to a
 * bare Kafka producer loop. The output is byte for byte what {@link EventEncoder} gives.
 *
 * <p>Bodies are kept per machine by row index (no hashing per event) up to a byte budget;
 * past it, rows are encoded every time. One instance per thread.
 */
public final class ReplayEncoder {
    /** Room for about a million rows' JSON. */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;
    /** How EventEncoder ends an event stamped 0: the time is the last field. */
    private static final byte[] TS_ZERO_END = "\"ts\":0}".getBytes(StandardCharsets.US_ASCII);

    private final EventEncoder encoder;
    private final long cacheBytes;
    private final Map<MachineRows, byte[][]> bodies = new IdentityHashMap<>();
    private long cachedBytes;
    private int cachedRows;
    private long lastTs = Long.MIN_VALUE;
    private byte[] tsEnd;

    public ReplayEncoder(EventEncoder encoder) {
        this(encoder, DEFAULT_CACHE_BYTES);
    }

    public ReplayEncoder(EventEncoder encoder, long cacheBytes) {
        this.encoder = encoder;
        this.cacheBytes = cacheBytes;
    }

    /** The JSON value for row {@code row} of {@code machine} stamped {@code ts}, as {@link EventEncoder#encode} makes it. */
    public byte[] encode(MachineRows machine, int row, long ts) {
        byte[][] kept = bodies.computeIfAbsent(machine, m -> new byte[m.size()][]);
        byte[] body = kept[row];
        if (body == null) {
            if (cachedBytes >= cacheBytes) {
                return encoder.encode(machine.row(row), ts);
            }
            body = body(machine.row(row));
            kept[row] = body;
            cachedBytes += body.length;
            cachedRows++;
        }
        if (ts != lastTs) {
            tsEnd = (ts + "}").getBytes(StandardCharsets.US_ASCII);
            lastTs = ts;
        }
        byte[] event = Arrays.copyOf(body, body.length + tsEnd.length);
        System.arraycopy(tsEnd, 0, event, body.length, tsEnd.length);
        return event;
    }

    /** Rows whose body is kept. */
    public int cachedRows() {
        return cachedRows;
    }

    /** The row's JSON up to and including {@code "ts":}. */
    private byte[] body(String[] row) {
        byte[] event = encoder.encode(row, 0);
        int end = event.length - TS_ZERO_END.length;
        if (end < 0 || !Arrays.equals(event, end, event.length, TS_ZERO_END, 0, TS_ZERO_END.length)) {
            throw new IllegalStateException("EventEncoder no longer ends an event with \"ts\": " + new String(event, StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(event, event.length - 2);
    }
}
