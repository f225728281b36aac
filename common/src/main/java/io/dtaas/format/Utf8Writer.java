package io.dtaas.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A buffered UTF-8 writer for text written in whole values (CSV fields): ASCII characters are stored as bytes
 * directly, a piece holding anything else is encoded by {@link String#getBytes} (malformed surrogates become
 * {@code ?}, as {@link java.io.OutputStreamWriter} writes them). {@code BufferedWriter} over
 * {@code OutputStreamWriter} copied every character twice and took about a quarter of a CSV export's CPU.
 * A surrogate pair must not be split across two calls (the CSV writer splits text only at quotes). Not thread-safe.
 */
final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buf;
    private int n;

    Utf8Writer(OutputStream out, int bufferBytes) {
        this.out = out;
        this.buf = new byte[bufferBytes];
    }

    @Override
    public void write(int c) throws IOException {
        if (c < 0x80) {
            if (n == buf.length) {
                drain();
            }
            buf[n++] = (byte) c;
        } else {
            bytes(String.valueOf((char) c).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (n == buf.length) {
                drain();
            }
            buf[n++] = (byte) c;
        }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        write(new String(chars, off, len), 0, len);
    }

    private void bytes(byte[] b) throws IOException {
        if (b.length > buf.length - n) {
            drain();
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            drain();
        }
    }
}
