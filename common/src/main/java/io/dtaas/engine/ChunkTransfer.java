package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.RawChunkReader;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.SystemError;
import io.dtaas.transform.Pipeline;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves one chunk: a reader thread pulls batches from the source into a small bounded queue while the calling
 * thread writes them, so reading and writing overlap and memory stays at a few batches. The chunk counts as
 * done (checkpointed) only when every row is written. A stop or pause between batches commits the rows written so
 * far without checkpointing the chunk: they are really in the target, so the figures never go backwards, and a
 * resume redoes the chunk idempotently (its key range is deleted first, or upserted).
 */
final class ChunkTransfer {

    /** Batches a reader may run ahead of its writer. */
    static final int QUEUE_CAPACITY = 2;

    enum Outcome { COMMITTED, INTERRUPTED }

    private static final Object END = new Object();

    private record Failure(RuntimeException error) {
    }

    private final Source source;
    private final Destination destination;
    private final TableSchema schema;
    private final Pipeline pipeline;
    private final TableRef target;
    private final Chunk chunk;
    private final Chunk targetChunk;
    private final WriteMode mode;
    private final int batchSize;
    private final RunControl control;
    private final ProgressTracker progress;
    private long committedRows;

    /**
     * @param schema      the source table's schema, as read
     * @param pipeline    the table's transformations; the destination gets rows shaped as its output
     * @param targetChunk the chunk as the destination sees it (its key column renamed by the transformations)
     */
    ChunkTransfer(Source source, Destination destination, TableSchema schema, Pipeline pipeline, TableRef target,
                  Chunk chunk, Chunk targetChunk, WriteMode mode, int batchSize, RunControl control,
                  ProgressTracker progress) {
        this.source = source;
        this.destination = destination;
        this.schema = schema;
        this.pipeline = pipeline;
        this.target = target;
        this.chunk = chunk;
        this.targetChunk = targetChunk;
        this.mode = mode;
        this.batchSize = batchSize;
        this.control = control;
        this.progress = progress;
    }

    /**
     * One attempt, holding a slot of the process's {@link ResourceBudget} from before it opens anything until it
     * ends. Throws what the source or destination threw; the caller decides on retries.
     */
    Outcome attempt() {
        ResourceBudget.Slot slot;
        try {
            slot = ResourceBudget.process().acquire(control);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.INTERRUPTED;
        }
        if (slot == null) {
            return Outcome.INTERRUPTED; // asked to stop or pause while waiting for a slot
        }
        try (slot) {
            return attemptHoldingSlot();
        }
    }

    private Outcome attemptHoldingSlot() {
        try (ChunkWriter writer = destination.open(pipeline.output(), target, targetChunk, mode)) {
            // raw bytes bypass decoding, so only tables nothing transforms may take that path
            Optional<RawChunkReader> raw = pipeline.isIdentity()
                    ? writer.rawFormat().flatMap(format -> source.readRaw(schema, chunk, format)) : Optional.empty();
            if (raw.isPresent()) {
                try (RawChunkReader reader = raw.get()) {
                    return moveRaw(reader, writer);
                }
            }
            return moveBatches(writer);
        }
    }

    /** Rows the chunk committed, once {@link #attempt()} answered {@link Outcome#COMMITTED}; kept with its checkpoint. */
    long committedRows() {
        return committedRows;
    }

    /** Bytes straight from source to destination in their shared bulk format; rows are counted at commit. */
    private Outcome moveRaw(RawChunkReader reader, ChunkWriter writer) {
        byte[] block;
        while ((block = reader.next()) != null) {
            if (control.stopRequested() || control.pauseRequested()) {
                return Outcome.INTERRUPTED;
            }
            writer.writeRaw(block);
        }
        writer.commit();
        String table = schema.table().toString();
        committedRows = writer.rawRowsCommitted();
        progress.rowsWritten(table, committedRows);
        progress.chunkCommitted(table, writer.bytesWritten());
        progress.chunkRead(table, committedRows, committedRows);
        return Outcome.COMMITTED;
    }

    private Outcome moveBatches(ChunkWriter writer) {
        String table = schema.table().toString();
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        AtomicBoolean cancelled = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        long written = 0;
        boolean committed = false;
        try {
            Thread reader = startReader(queue, cancelled, read);
            try {
                while (true) {
                    if (control.stopRequested() || control.pauseRequested()) {
                        if (written > 0) {
                            writer.commit(); // not checkpointed: see the class comment
                            committed = true;
                        }
                        return Outcome.INTERRUPTED;
                    }
                    Object item = take(queue);
                    if (item == END) {
                        break;
                    }
                    if (item instanceof Failure f) {
                        throw f.error;
                    }
                    Batch batch = (Batch) item;
                    writer.write(batch);
                    written += batch.size();
                    progress.rowsWritten(table, batch.size());
                }
                writer.commit();
                committed = true;
                committedRows = written;
                progress.chunkCommitted(table, writer.bytesWritten());
                progress.chunkRead(table, read.get(), written);
                return Outcome.COMMITTED;
            } finally {
                cancelled.set(true);
                queue.clear();
                joinQuietly(reader, queue);
            }
        } finally {
            if (!committed && written > 0) {
                progress.rowsDiscarded(table, written);
            }
        }
    }

    private Thread startReader(BlockingQueue<Object> queue, AtomicBoolean cancelled,
                               java.util.concurrent.atomic.AtomicLong read) {
        String name = "dtaas-read-" + chunk.table() + "-" + chunk.index();
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            Object last = END;
            try (RowStream rows = transformed(counted(source.read(schema, chunk), read))) {
                Batch batch;
                while (!cancelled.get() && (batch = rows.next(batchSize)) != null) {
                    while (!cancelled.get() && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                        // the writer is behind: wait, but notice a cancellation
                    }
                }
            } catch (RuntimeException e) {
                last = new Failure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new Failure(new SystemError("reader interrupted", e));
            }
            try {
                while (!cancelled.get() && !queue.offer(last, 100, TimeUnit.MILLISECONDS)) {
                    // hand over the end marker unless the writer gave up
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The source's rows, counted as they are read (before transformations filter any). */
    private static RowStream counted(RowStream rows, java.util.concurrent.atomic.AtomicLong read) {
        return new RowStream() {
            @Override
            public Batch next(int maxRows) {
                Batch batch = rows.next(maxRows);
                if (batch != null) {
                    read.addAndGet(batch.size());
                }
                return batch;
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    private RowStream transformed(RowStream rows) {
        return pipeline.isIdentity() ? rows : new TransformingRowStream(rows, pipeline);
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemError("interrupted while waiting for rows", e);
        }
    }

    private static void joinQuietly(Thread reader, BlockingQueue<Object> queue) {
        try {
            while (reader.isAlive()) {
                queue.clear();
                reader.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
