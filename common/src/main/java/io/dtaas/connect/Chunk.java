package io.dtaas.connect;

import io.dtaas.data.TableRef;

/**
 * One independently read, written, retried and checkpointed part of a table.
 *
 * @param index 0-based position in the table's plan; with {@code count}, it names the chunk deterministically
 *              (files are named after it, checkpoints are keyed by it)
 * @param count how many chunks the table's plan has
 */
public record Chunk(TableRef table, int index, int count, ChunkBounds bounds) {

    public boolean isWholeTable() {
        return bounds instanceof ChunkBounds.WholeTable;
    }
}
