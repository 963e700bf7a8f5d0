package dev.stophack.consumer.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns record keys (the machine id, UTF-8) into strings without a new String per record: the
 * producer sends a machine's rows together, so the key is nearly always the one before.
 * One instance per thread.
 */
public final class MachineKeys {
    private byte[] lastKey;
    private String lastMachine;

    /** The machine id in {@code key}, or null when the record has no (or an empty) key. */
    public String machine(byte[] key) {
        if (key == null || key.length == 0) {
            return null;
        }
        if (!Arrays.equals(key, lastKey)) {
            String machine = new String(key, StandardCharsets.UTF_8).trim();
            lastKey = key.clone();
            lastMachine = machine.isEmpty() ? null : machine;
        }
        return lastMachine;
    }
}
