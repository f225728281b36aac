package io.dtaas.validate;

import io.dtaas.data.ColumnKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row's SHA-256 over the canonical text of its columns (in Java, for rows read out of either end) and the cut
 * values a report may show; and its identity by primary key. One instance per column list; not thread-safe.
 */
final class RowDigests {

    /** Values shown in a report are cut to this many characters. */
    static final int SHOWN_CHARS = 200;

    /** A row's identity: its leading (integer) key, then the text of the other key columns. */
    record RowKey(long lead, String rest) implements Comparable<RowKey> {
        @Override
        public int compareTo(RowKey o) {
            int c = Long.compare(lead, o.lead);
            return c != 0 ? c : rest.compareTo(o.rest);
        }
    }

    /** A row's digest and the values a report may show, by column. */
    record Row(byte[] digest, Map<String, String> shown) {

        /** The first 60 bits of the digest, for order-independent sums over a whole table. */
        long hash60() {
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xff);
            }
            return h >>> 4;
        }
    }

    private final List<String> columns;
    private final int[] positions;
    private final ColumnKind[] kinds;
    private final List<String> key;
    private final MessageDigest sha256;

    /**
     * @param positions where each of {@code columns} is in the rows given
     * @param kinds     the source's kind of each of {@code columns}
     * @param key       the source's primary-key columns
     */
    RowDigests(List<String> columns, int[] positions, ColumnKind[] kinds, List<String> key) {
        this.columns = columns;
        this.positions = positions;
        this.kinds = kinds;
        this.key = key;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Row row(Object[] values) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (int i = 0; i < positions.length; i++) {
            String text = CanonicalText.of(values[positions[i]], kinds[i]);
            // a length prefix keeps NULL, '' and separators apart
            sha256.update((text == null ? "n;" : text.length() + ":" + text + ";").getBytes(StandardCharsets.UTF_8));
            shown.put(columns.get(i), text == null || text.length() <= SHOWN_CHARS ? text
                    : text.substring(0, SHOWN_CHARS) + "… (" + text.length() + " characters)");
        }
        return new Row(sha256.digest(), shown);
    }

    /** The row's key; its leading key column must hold an integer. */
    RowKey key(Row row) {
        long lead = Long.parseLong(row.shown().get(key.get(0)));
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < key.size(); i++) {
            String v = row.shown().get(key.get(i));
            rest.append(v == null ? "n" : v.length() + ":" + v).append(';');
        }
        return new RowKey(lead, rest.toString());
    }

    /** The key columns' shown values, for a report. */
    static Map<String, String> keyOf(List<String> key, Map<String, String> shown) {
        Map<String, String> k = new LinkedHashMap<>();
        for (String column : key) {
            k.put(column, shown.get(column));
        }
        return k;
    }
}
