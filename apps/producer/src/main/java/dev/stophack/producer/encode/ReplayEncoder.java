package dev.stophack.producer.encode;

import dev.stophack.events.EventEncoder;
import dev.stophack.producer.source.MachineRows;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The event JSON of rows that are sent again and again (the producer replays its CSV), byte
 * for byte what the contract's {@link EventEncoder} gives, without running it on every send.
 *
 * <p>A row's JSON changes from one send to the next only in its last field, {@code ts}. So
 * each row is encoded once; a later send with another time copies it up to {@code "ts":} and
 * appends the new time, and a send with the same time (in load mode a row comes back many
 * times within a second) returns the very same array. Arrays handed out are never changed.
 *
 * <p>Kept per machine by row index (no hashing per event), up to a byte budget; past it,
 * rows are encoded every time. One instance per thread.
 */
public final class ReplayEncoder {
    /** Room for about a million rows' JSON. */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;
    /** How EventEncoder ends an event stamped 0: the time is the last field. */
    private static final byte[] TS_ZERO_END = "\"ts\":0}".getBytes(StandardCharsets.US_ASCII);

    private final EventEncoder encoder;
    private final long cacheBytes;
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

    /** The encoder for one machine's rows; callers keep it rather than look it up per event. */
    public Rows of(MachineRows machine) {
        return new Rows(machine);
    }

    /** Rows whose JSON is kept. */
    public int cachedRows() {
        return cachedRows;
    }

    /** One machine's rows and the JSON last made for each. */
    public final class Rows {
        private final MachineRows machine;
        private final byte[][] events;
        private final int[] bodyLengths;
        private final long[] stamped;

        private Rows(MachineRows machine) {
            this.machine = machine;
            this.events = new byte[machine.size()][];
            this.bodyLengths = new int[machine.size()];
            this.stamped = new long[machine.size()];
        }

        public MachineRows machine() {
            return machine;
        }

        /** The JSON value for row {@code row} stamped {@code ts}, as {@link EventEncoder#encode} makes it. */
        public byte[] encode(int row, long ts) {
            byte[] event = events[row];
            if (event != null && stamped[row] == ts) {
                return event;
            }
            int body;
            if (event != null) {
                body = bodyLengths[row];
            } else {
                if (cachedBytes >= cacheBytes) {
                    return encoder.encode(machine.row(row), ts);
                }
                event = encoder.encode(machine.row(row), 0);
                body = bodyLength(event);
                bodyLengths[row] = body;
                cachedBytes += event.length;
                cachedRows++;
            }
            if (ts != lastTs) {
                tsEnd = (ts + "}").getBytes(StandardCharsets.US_ASCII);
                lastTs = ts;
            }
            byte[] stampedEvent = Arrays.copyOf(event, body + tsEnd.length);
            System.arraycopy(tsEnd, 0, stampedEvent, body, tsEnd.length);
            events[row] = stampedEvent;
            stamped[row] = ts;
            return stampedEvent;
        }
    }

    /** Where the time starts in an event stamped 0: just after {@code "ts":}. */
    private static int bodyLength(byte[] event) {
        int end = event.length - TS_ZERO_END.length;
        if (end < 0 || !Arrays.equals(event, end, event.length, TS_ZERO_END, 0, TS_ZERO_END.length)) {
            throw new IllegalStateException("EventEncoder no longer ends an event with \"ts\": " + new String(event, StandardCharsets.UTF_8));
        }
        return event.length - 2;
    }
}
