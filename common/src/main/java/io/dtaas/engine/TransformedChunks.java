package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.Source;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.Pipeline;

import java.util.List;
import java.util.Optional;

/**
 * Chunk plans for transformed tables. Destinations make a chunk idempotent by replacing its key range, named
 * by the key column; that only works while the key column reaches the target unchanged (renamed at most).
 * Otherwise, and whenever a row-set transformation (deduplicate, sort, limit, aggregate) needs every row at
 * once, the table is moved as one whole-table chunk, so the result is exact.
 */
final class TransformedChunks {

    private TransformedChunks() {
    }

    /** @param byIdentity whether the destination replaces chunks by identity (page ranges welcome, keyed or not) */
    static List<Chunk> plan(Source source, TableSchema schema, Pipeline pipeline, long chunkRows, boolean byIdentity) {
        if (pipeline.hasRowSetStep()) {
            return List.of(whole(schema));
        }
        List<Chunk> chunks = byIdentity ? source.planForIdentityReplacement(schema, chunkRows) : source.plan(schema, chunkRows);
        if (!pipeline.isIdentity() && chunks.stream().anyMatch(c -> c.bounds() instanceof ChunkBounds.KeyRange range
                && pipeline.unchanged(range.column()).isEmpty())) {
            return List.of(whole(schema));
        }
        return chunks;
    }

    /** The chunk as the destination sees it: a key range names the key column by its output name. */
    static Chunk asWritten(Chunk chunk, Pipeline pipeline) {
        if (chunk.bounds() instanceof ChunkBounds.KeyRange range) {
            Optional<String> name = pipeline.unchanged(range.column());
            if (name.isPresent() && !name.get().equals(range.column())) {
                return new Chunk(chunk.table(), chunk.index(), chunk.count(),
                        new ChunkBounds.KeyRange(name.get(), range.lower(), range.upper()));
            }
        }
        return chunk;
    }

    private static Chunk whole(TableSchema schema) {
        return new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable());
    }
}
