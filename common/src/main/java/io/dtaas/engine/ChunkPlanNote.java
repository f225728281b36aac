package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.Destination;
import io.dtaas.data.TableSchema;

import java.util.List;

/**
 * A table's chunk plan as the destination can take it, with a note for the execution's table progress when the
 * table does not split on its primary key: split on a unique integer column, split by heap pages (keyed or not,
 * for files), or read as one chunk. Page-range chunks go only to destinations that replace a chunk by its identity;
 * any other destination gets the table as one chunk (it replaces the whole table on a retry), so the result stays
 * exact.
 *
 * @param note null when the table splits on its primary key (nothing to explain)
 */
record ChunkPlanNote(List<Chunk> chunks, String note) {

    static ChunkPlanNote of(TableSchema schema, List<Chunk> planned, Destination destination) {
        Chunk first = planned.getFirst();
        boolean pages = planned.stream().anyMatch(c -> c.bounds() instanceof ChunkBounds.PageRange);
        if (pages && !destination.replacesChunksByIdentity()) {
            return new ChunkPlanNote(List.of(new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable())),
                    "no primary key or unique integer column: read as one chunk (this destination replaces a chunk"
                            + " without a key only as the whole table)");
        }
        if (pages) {
            // keyed tables too, for files (Source#planForIdentityReplacement): a TID range scan costs less
            return new ChunkPlanNote(planned, (schema.hasPrimaryKey() ? "" : "no primary key: ")
                    + "split by heap pages (ctid) into " + planned.size() + " chunks read in one snapshot");
        }
        if (first.bounds() instanceof ChunkBounds.KeyRange range && !isLeadingKey(schema, range.column())) {
            return new ChunkPlanNote(planned, "no integer primary key: split on unique column " + range.column());
        }
        if (first.bounds() instanceof ChunkBounds.WholeTable && !schema.hasPrimaryKey()) {
            return new ChunkPlanNote(planned, "no primary key or unique integer column: read as one chunk");
        }
        return new ChunkPlanNote(planned, null);
    }

    private static boolean isLeadingKey(TableSchema schema, String column) {
        return schema.hasPrimaryKey() && schema.primaryKey().getFirst().equals(column);
    }
}
