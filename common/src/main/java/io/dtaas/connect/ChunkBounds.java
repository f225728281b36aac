package io.dtaas.connect;

/**
 * Which rows of a table a chunk covers. Chunks of one plan never overlap and together cover the table.
 */
public sealed interface ChunkBounds {

    /** Every row: tables that cannot be split (no usable key). */
    record WholeTable() implements ChunkBounds {
    }

    /**
     * Rows whose {@code column} (the leading primary-key column, an integer, or else a NOT NULL integer column
     * with a unique index of its own) lies in [lower, upper).
     * A null bound is open: the first chunk has no lower bound and the last no upper bound, so rows
     * inserted beyond the planned range are still read.
     */
    record KeyRange(String column, Long lower, Long upper) implements ChunkBounds {
    }

    /** The rows of a custom SELECT (the task's {@code queries}), read as one chunk. */
    record Query(String sql) implements ChunkBounds {
    }

    /**
     * PostgreSQL tables without a usable key, and keyed ones going to files: the rows stored in heap pages
     * [fromPage, toPage) (a TID range scan), all chunks of a plan in one snapshot;
     * toPage null means open, so pages the table grows by are still read. Only destinations that
     * {@linkplain Destination#replacesChunksByIdentity() replace chunks by identity} get such chunks.
     */
    record PageRange(long fromPage, Long toPage) implements ChunkBounds {
    }
}
