package io.dtaas.connect.objectstore;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.format.RowFileWriter;
import io.dtaas.format.writers.RowFileWriters;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes one chunk of a run as one or more files ({@code max_rows_per_file}). Files are staged while rows arrive
 * and all listed in the manifest, then published, at {@link #commit()}; then the files of the run's earlier
 * attempts at this chunk that this attempt did not overwrite (fewer files now, another load-date folder) are
 * deleted. Replacing at commit rather than deleting before writing means a reader (and a
 * failed run) never sees the chunk missing: it sees the earlier attempt's files or this one's (a storage
 * failure between two publishes leaves a mix until the uncheckpointed chunk is retried).
 * A chunk without rows writes no file, except when it is the table's only chunk: an empty table still gets
 * one file carrying its columns.
 */
final class FileChunkWriter implements ChunkWriter {

    private final ObjectSink sink;
    private final Manifest manifest;
    private final RowFileWriters writers;
    private final ObjectKeys keys;
    private final String run;
    private final TableSchema schema;
    private final TableRef target;
    private final Chunk chunk;
    private final int maxRowsPerFile;
    private final List<StagedObject> staged = new ArrayList<>();
    private RowFileWriter current;
    private long finishedBytes;
    private boolean committed;

    FileChunkWriter(ObjectSink sink, Manifest manifest, RowFileWriters writers, ObjectKeys keys, String run,
                    TableSchema schema, TableRef target, Chunk chunk, int maxRowsPerFile) {
        this.sink = sink;
        this.manifest = manifest;
        this.writers = writers;
        this.keys = keys;
        this.run = run;
        this.schema = schema;
        this.target = target;
        this.chunk = chunk;
        this.maxRowsPerFile = maxRowsPerFile;
        sink.discardAbandoned(keys.chunkPrefix(target, run, chunk.index()));
    }

    @Override
    public void write(Batch batch) {
        requireOpen();
        List<Object[]> rows = batch.rows();
        int from = 0;
        while (from < rows.size()) {
            if (current == null) {
                startFile();
            }
            int left = rows.size() - from;
            int take = maxRowsPerFile == 0 ? left : (int) Math.min(left, maxRowsPerFile - current.rowsWritten());
            current.write(take == rows.size() ? batch : new Batch(batch.schema(), rows.subList(from, from + take)));
            from += take;
            if (maxRowsPerFile > 0 && current.rowsWritten() >= maxRowsPerFile) {
                finishFile();
            }
        }
    }

    @Override
    public void commit() {
        requireOpen();
        if (current != null) {
            finishFile();
        }
        if (staged.isEmpty() && chunk.count() == 1) {
            startFile();
            finishFile();
        }
        Set<String> published = Set.copyOf(staged.stream().map(StagedObject::key).toList());
        manifest.add(target, published);
        for (StagedObject object : staged) {
            object.publish();
        }
        committed = true;
        manifest.remove(target, manifest.chunkFiles(target, run, chunk.index()).stream()
                .filter(key -> !published.contains(key)).toList());
    }

    @Override
    public long bytesWritten() {
        return finishedBytes + (current == null ? 0 : current.bytesWritten());
    }

    /** Discards every staged file first, so closing the writer afterwards can neither fail nor publish. */
    @Override
    public void close() {
        for (StagedObject object : staged) {
            object.close();
        }
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void startFile() {
        StagedObject object = sink.create(keys.fileKey(target, run, chunk.index(), staged.size()));
        staged.add(object);
        current = writers.open(schema, object.output());
    }

    private void finishFile() {
        current.finish();
        finishedBytes += current.bytesWritten();
        current = null;
    }

    private void requireOpen() {
        if (committed) {
            throw new IllegalStateException("chunk " + chunk.index() + " of " + target + " is already committed");
        }
    }
}
