package dev.stophack.streaming.parse;

/**
 * A reusable {@link CharSequence} over a slice of a char array, so that Jackson's text buffer can
 * be handed to {@link dev.stophack.normalise.RawNumber#value} without allocating a String per value.
 * Valid only until the parser moves on.
 */
final class CharView implements CharSequence {
    private char[] chars = new char[0];
    private int offset;
    private int length;

    CharView set(char[] chars, int offset, int length) {
        this.chars = chars;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    /** Whether the view holds only whitespace (or nothing). */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(chars[offset + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
