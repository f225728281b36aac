package io.dtaas.validate;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.RowStream;
import io.dtaas.data.Batch;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the rows of one small key range (at most a few hundred rows, whose checksums differ) value by value in
 * canonical text: reads both ends' rows, keyed by primary key, and reports each key that is missing, extra or
 * different. Holds a digest per row and only the cut values it may show, never whole long values.
 */
final class LeafComparison {

    /** Values shown in a report are cut to this many characters. */
    static final int SHOWN_CHARS = 200;
    private static final int BATCH = 500;

    /** A row's identity: its leading (integer) key, then the text of the other key columns. */
    record RowKey(long lead, String rest) implements Comparable<RowKey> {
        @Override
        public int compareTo(RowKey o) {
            int c = Long.compare(lead, o.lead);
            return c != 0 ? c : rest.compareTo(o.rest);
        }
    }

    private record Row(byte[] digest, Map<String, String> shown) {
    }

    /** What a leaf found: differences in key order, and how many rows were read. */
    record Result(List<Found> differences, long rowsRead) {
    }

    /** A differing row, with its leading key for repair. */
    record Found(long lead, KeyDifference difference) {
    }

    private final TableEnd source;
    private final TableEnd target;
    private final List<String> columns;

    LeafComparison(TableEnd source, TableEnd target, List<String> columns) {
        this.source = source;
        this.target = target;
        this.columns = columns;
    }

    Result compare(ChunkBounds.KeyRange range) {
        Map<RowKey, Row> src = read(source, range);
        Map<RowKey, Row> tgt = read(target, range);
        long rowsRead = src.size() + tgt.size();
        TreeMap<RowKey, KeyDifference> found = new TreeMap<>();
        src.forEach((key, row) -> {
            Row other = tgt.get(key);
            if (other == null) {
                found.put(key, new KeyDifference(keyOf(row), KeyDifference.Kind.MISSING_IN_TARGET, row.shown, null));
            } else if (!Arrays.equals(row.digest, other.digest)) {
                found.put(key, new KeyDifference(keyOf(row), KeyDifference.Kind.VALUES_DIFFER, row.shown, other.shown));
            }
        });
        tgt.forEach((key, row) -> {
            if (!src.containsKey(key)) {
                found.put(key, new KeyDifference(keyOf(row), KeyDifference.Kind.EXTRA_IN_TARGET, null, row.shown));
            }
        });
        List<Found> list = new ArrayList<>();
        found.forEach((k, d) -> list.add(new Found(k.lead(), d)));
        return new Result(list, rowsRead);
    }

    private Map<String, String> keyOf(Row row) {
        Map<String, String> key = new LinkedHashMap<>();
        for (String k : source.schema().primaryKey()) {
            key.put(k, row.shown.get(k));
        }
        return key;
    }

    private Map<RowKey, Row> read(TableEnd end, ChunkBounds.KeyRange range) {
        TableSchema schema = end.schema();
        int[] positions = columns.stream().mapToInt(schema::indexOf).toArray();
        ColumnKind[] kinds = columns.stream().map(c -> source.schema().columns().get(source.schema().indexOf(c)).type().kind())
                .toArray(ColumnKind[]::new);
        List<String> key = source.schema().primaryKey();
        Map<RowKey, Row> rows = new java.util.HashMap<>();
        try (RowStream stream = end.reader().read(schema, new Chunk(schema.table(), 0, 1, range))) {
            Batch batch;
            while ((batch = stream.next(BATCH)) != null) {
                for (Object[] values : batch.rows()) {
                    Row row = row(values, positions, kinds);
                    rows.put(rowKey(row, key), row);
                }
            }
        }
        return rows;
    }

    private Row row(Object[] values, int[] positions, ColumnKind[] kinds) {
        MessageDigest digest = sha256();
        Map<String, String> shown = new LinkedHashMap<>();
        for (int i = 0; i < positions.length; i++) {
            String text = CanonicalText.of(values[positions[i]], kinds[i]);
            // a length prefix keeps NULL, '' and separators apart
            digest.update((text == null ? "n;" : text.length() + ":" + text + ";").getBytes(StandardCharsets.UTF_8));
            shown.put(columns.get(i), text == null || text.length() <= SHOWN_CHARS ? text
                    : text.substring(0, SHOWN_CHARS) + "… (" + text.length() + " characters)");
        }
        return new Row(digest.digest(), shown);
    }

    private static RowKey rowKey(Row row, List<String> key) {
        long lead = Long.parseLong(row.shown.get(key.get(0)));
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < key.size(); i++) {
            String v = row.shown.get(key.get(i));
            rest.append(v == null ? "n" : v.length() + ":" + v).append(';');
        }
        return new RowKey(lead, rest.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
