package io.dtaas.validate;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.RowStream;
import io.dtaas.data.Batch;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;
import io.dtaas.validate.RowDigests.Row;
import io.dtaas.validate.RowDigests.RowKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the rows of one small key range (at most a few hundred rows, whose checksums differ) value by value in
 * canonical text: reads both ends' rows, keyed by primary key, and reports each key that is missing, extra or
 * different. Holds a digest per row and only the cut values it may show, never whole long values.
 */
final class LeafComparison {

    private static final int BATCH = 500;

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
                found.put(key, new KeyDifference(keyOf(row), KeyDifference.Kind.MISSING_IN_TARGET, row.shown(), null));
            } else if (!Arrays.equals(row.digest(), other.digest())) {
                found.put(key, new KeyDifference(keyOf(row), KeyDifference.Kind.VALUES_DIFFER, row.shown(), other.shown()));
            }
        });
        tgt.forEach((key, row) -> {
            if (!src.containsKey(key)) {
                found.put(key, new KeyDifference(keyOf(row), KeyDifference.Kind.EXTRA_IN_TARGET, null, row.shown()));
            }
        });
        List<Found> list = new ArrayList<>();
        found.forEach((k, d) -> list.add(new Found(k.lead(), d)));
        return new Result(list, rowsRead);
    }

    private Map<String, String> keyOf(Row row) {
        return RowDigests.keyOf(source.schema().primaryKey(), row.shown());
    }

    private Map<RowKey, Row> read(TableEnd end, ChunkBounds.KeyRange range) {
        TableSchema schema = end.schema();
        int[] positions = columns.stream().mapToInt(schema::indexOf).toArray();
        ColumnKind[] kinds = columns.stream().map(c -> source.schema().columns().get(source.schema().indexOf(c)).type().kind())
                .toArray(ColumnKind[]::new);
        RowDigests digests = new RowDigests(columns, positions, kinds, source.schema().primaryKey());
        Map<RowKey, Row> rows = new java.util.HashMap<>();
        try (RowStream stream = end.reader().read(schema, new Chunk(schema.table(), 0, 1, range))) {
            Batch batch;
            while ((batch = stream.next(BATCH)) != null) {
                for (Object[] values : batch.rows()) {
                    Row row = digests.row(values);
                    rows.put(digests.key(row), row);
                }
            }
        }
        return rows;
    }
}
