package io.dtaas.connect.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;

/**
 * Reads text and binary values through the driver's streams and stops one character (byte) past a cap, so the
 * caller can tell a value was longer without it being read whole: drivers that stream large values (SQL
 * Server, Oracle LOBs) then never send the rest, and none of ours builds a full-size String for it.
 */
final class CappedValues {

    private static final int CHUNK = 8192;

    private CappedValues() {
    }

    /** At most {@code max + 1} characters of a text value; null for SQL NULL. */
    static String text(ResultSet rs, int i, int max) throws SQLException {
        Reader reader;
        try {
            reader = rs.getCharacterStream(i);
        } catch (SQLFeatureNotSupportedException noStreams) {
            String s = rs.getString(i);
            return s == null ? null : s.substring(0, Math.min(s.length(), max + 1));
        }
        if (reader == null) {
            return null;
        }
        try (Reader r = reader) {
            StringBuilder out = new StringBuilder(Math.min(max + 1, CHUNK));
            char[] buffer = new char[Math.min(max + 1, CHUNK)];
            int n;
            while (out.length() <= max && (n = r.read(buffer, 0, Math.min(buffer.length, max + 1 - out.length()))) > 0) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (IOException e) {
            throw new SQLException("reading a text value failed: " + e.getMessage(), e);
        }
    }

    /** At most {@code max + 1} bytes of a binary value; null for SQL NULL. */
    static byte[] bytes(ResultSet rs, int i, int max) throws SQLException {
        InputStream stream = rs.getBinaryStream(i);
        if (stream == null) {
            return null;
        }
        try (InputStream in = stream) {
            byte[] out = new byte[Math.min(max + 1, CHUNK)];
            int length = 0;
            int n;
            while (length <= max) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, Math.min(max + 1, out.length * 2));
                }
                n = in.read(out, length, out.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return Arrays.copyOf(out, length);
        } catch (IOException e) {
            throw new SQLException("reading a binary value failed: " + e.getMessage(), e);
        }
    }
}
