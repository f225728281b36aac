package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.Pipeline;

import java.time.Duration;

/**
 * Re-copies one key range of a table through the normal chunk path (a reader thread, a bounded queue, the
 * destination's chunk writer): the destination replaces the range's rows in one transaction, so rows the target
 * has extra are deleted and missing or different ones written again. Validation's repair uses it.
 */
public final class KeyRangeCopy {

    private KeyRangeCopy() {
    }

    /**
     * Copies the rows whose leading key lies in [from, to) (tables nothing transforms); returns the rows written, or
     * -1 when a stop or pause interrupted it (nothing of the range is then committed).
     */
    public static long copy(Source source, Destination destination, TableSchema schema, TableRef target, long from,
                            long to, int batchSize, RunControl control) {
        Chunk chunk = new Chunk(schema.table(), 0, 1, new ChunkBounds.KeyRange(schema.primaryKey().get(0), from, to));
        ProgressTracker quiet = new ProgressTracker(0, 0, event -> { }, Duration.ofDays(1));
        quiet.tableStarted(schema.table().toString(), 1, 0, 0);
        ChunkTransfer transfer = new ChunkTransfer(source, destination, schema, Pipeline.identity(schema), target, chunk,
                chunk, WriteMode.APPEND, batchSize, control, quiet);
        return transfer.attempt() == ChunkTransfer.Outcome.COMMITTED ? transfer.committedRows() : -1;
    }
}
