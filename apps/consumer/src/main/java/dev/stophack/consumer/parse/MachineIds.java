package dev.stophack.consumer.parse;

/**
 * Machine ids come from record keys and values, so from anyone who can write to the topics. An
 * id is kept as a map key, a metric label and a chart legend, so its length is capped: hostnames
 * and the dataset's numeric ids are far shorter.
 */
public final class MachineIds {
    /** The longest id counted, in UTF-8 bytes for a key and in characters for a value's field. */
    public static final int MAX_LENGTH = 128;

    private MachineIds() {
    }

    /** Whether a record key is too long to be a machine id (checked before it is decoded). */
    public static boolean tooLong(byte[] key) {
        return key != null && key.length > MAX_LENGTH;
    }

    public static boolean tooLong(String id) {
        return id != null && id.length() > MAX_LENGTH;
    }
}
