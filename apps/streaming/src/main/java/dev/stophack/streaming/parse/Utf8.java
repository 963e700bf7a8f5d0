package dev.stophack.streaming.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Where bytes stop being UTF-8. */
final class Utf8 {
    private Utf8() {
    }

    /** The offset of the first byte of {@code value} that is not part of valid UTF-8, or -1 when all is. */
    static int firstInvalid(byte[] value) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return decoder.flush(out).isError() ? in.position() : -1;
            }
            out.clear(); // overflow: only where it ends matters, not the text
        }
    }
}
