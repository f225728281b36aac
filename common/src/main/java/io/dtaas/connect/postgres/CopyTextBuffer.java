package io.dtaas.connect.postgres;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer for COPY data, reused batch after batch: appending straight to bytes avoids
 * building a String per batch and copying it twice (toString, getBytes).
 */
final class CopyTextBuffer {

    private byte[] bytes = new byte[1 << 20];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void append(char ascii) {
        ensure(1);
        bytes[size++] = (byte) ascii;
    }

    /** Appends a number's or literal's digits, which are ASCII. */
    void appendAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /** Appends {@code s} as a CSV field in double quotes, doubling quotes inside; UTF-8 for anything non-ASCII. */
    void appendQuoted(String s) {
        int n = s.length();
        ensure(n + 2);
        bytes[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                appendUtf8Rest(s, i);
                return;
            }
            if (c == '"') {
                ensure(n - i + 2);
                bytes[size++] = '"';
            }
            bytes[size++] = (byte) c;
        }
        bytes[size++] = '"';
    }

    /** The slow path from the first non-ASCII character on: encode the remainder and close the quote. */
    private void appendUtf8Rest(String s, int from) {
        byte[] rest = s.substring(from).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
        ensure(rest.length + 1);
        System.arraycopy(rest, 0, bytes, size, rest.length);
        size += rest.length;
        bytes[size++] = '"';
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
