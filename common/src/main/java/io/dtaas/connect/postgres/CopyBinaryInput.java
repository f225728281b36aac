package io.dtaas.connect.postgres;

import io.dtaas.error.SystemError;

import java.util.function.Supplier;

/**
 * PostgreSQL's binary COPY stream as a sequence of big-endian fields, over the blocks (CopyData messages) the
 * server sends. The server sends one message per row, so a row is normally read straight from its block without
 * copying; a field that spans two blocks is stitched together.
 */
final class CopyBinaryInput {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final Supplier<byte[]> blocks;
    private byte[] buf = new byte[0];
    private int pos;

    /** @param blocks the next CopyData message, or null at the end of the stream */
    CopyBinaryInput(Supplier<byte[]> blocks) {
        this.blocks = blocks;
    }

    /** Reads the file header: signature, flags (no OIDs expected) and the header extension, which is skipped. */
    void readHeader() {
        require(SIGNATURE.length + 8);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (buf[pos + i] != SIGNATURE[i]) {
                throw new SystemError("PostgreSQL sent no binary COPY signature", null);
            }
        }
        pos += SIGNATURE.length;
        int flags = readInt();
        if ((flags & (1 << 16)) != 0) {
            throw new SystemError("PostgreSQL sent binary COPY rows with OIDs", null);
        }
        int extension = readInt();
        require(extension);
        pos += extension;
    }

    /** @return the next row's field count, or -1 at the trailer (or the end of the stream) */
    int nextRow() {
        if (!available(2)) {
            return -1;
        }
        return readShort();
    }

    /** The current buffer; valid for {@code len} bytes from {@link #position()} after {@link #field()} answered len. */
    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    /**
     * Starts the next field: its length (-1 for NULL), with its bytes made contiguous in {@link #buffer()} at
     * {@link #position()}; call {@link #advance(int)} with the length after decoding.
     */
    int field() {
        int len = readInt();
        if (len > 0) {
            require(len);
        }
        return len;
    }

    void advance(int len) {
        pos += len;
    }

    int readInt() {
        require(4);
        int v = getInt(buf, pos);
        pos += 4;
        return v;
    }

    short readShort() {
        require(2);
        short v = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    static int getInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static long getLong(byte[] b, int p) {
        return ((long) getInt(b, p) << 32) | (getInt(b, p + 4) & 0xffffffffL);
    }

    static short getShort(byte[] b, int p) {
        return (short) (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
    }

    private void require(int n) {
        if (!available(n)) {
            throw new SystemError("PostgreSQL's binary COPY stream ended inside a row", null);
        }
    }

    /** Makes {@code n} bytes contiguous from {@code pos}, pulling and stitching blocks as needed. */
    private boolean available(int n) {
        while (buf.length - pos < n) {
            byte[] next = blocks.get();
            if (next == null) {
                return false;
            }
            int left = buf.length - pos;
            if (left == 0) {
                buf = next;
            } else {
                byte[] joined = new byte[left + next.length];
                System.arraycopy(buf, pos, joined, 0, left);
                System.arraycopy(next, 0, joined, left, next.length);
                buf = joined;
            }
            pos = 0;
        }
        return true;
    }
}
