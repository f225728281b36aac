package io.dtaas.connect.objectstore;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.format.RowFileWriter;
import io.dtaas.format.writers.RowFileWriters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one chunk of a run as one or more files: one per value folder ({@code partition_by}) and more when
 * {@code max_rows_per_file} splits them. Files are staged while rows arrive and all listed in the manifest, then
 * published, at {@link #commit()}; then the files of the run's earlier attempts at this chunk that this attempt did
 * not overwrite (fewer files now, another load-date or value folder) are deleted. Replacing at commit rather than
 * deleting before writing means a reader (and a failed run) never sees the chunk missing: it sees the earlier
 * attempt's files or this one's (a storage failure between two publishes leaves a mix until the uncheckpointed
 * chunk is retried). A chunk without rows writes no file, except when it is the table's only chunk: an empty
 * table still gets one file carrying its columns.
 *
 * <p>At most {@value #OPEN_FILES} files are open at once (each may buffer a Parquet row group): a row of yet
 * another value folder finishes the least recently written file, and a later row of that folder starts its next
 * part. The names depend only on the rows and their order, so a retry of the same rows writes the same names.
 */
final class FileChunkWriter implements ChunkWriter {

    static final int OPEN_FILES = 8;

    private final ObjectSink sink;
    private final Manifest manifest;
    private final RowFileWriters writers;
    private final ObjectKeys keys;
    private final PartitionFolders folders;
    private final String run;
    private final TableSchema schema;
    private final TableRef target;
    private final Chunk chunk;
    private final int maxRowsPerFile;
    private final List<StagedObject> staged = new ArrayList<>();
    /** Files of each value folder written so far (the next part number). */
    private final Map<String, Integer> parts = new LinkedHashMap<>();
    /** Open files by value folder, least recently written first. */
    private final LinkedHashMap<String, RowFileWriter> open = new LinkedHashMap<>(16, 0.75f, true);
    private long finishedBytes;
    private boolean committed;

    FileChunkWriter(ObjectSink sink, Manifest manifest, RowFileWriters writers, ObjectKeys keys,
                    PartitionFolders folders, String run, TableSchema schema, TableRef target, Chunk chunk,
                    int maxRowsPerFile) {
        this.sink = sink;
        this.manifest = manifest;
        this.writers = writers;
        this.keys = keys;
        this.folders = folders;
        this.run = run;
        this.schema = schema;
        this.target = target;
        this.chunk = chunk;
        this.maxRowsPerFile = maxRowsPerFile;
    }

    @Override
    public void write(Batch batch) {
        requireOpen();
        if (!folders.partitioned()) {
            write("", batch);
            return;
        }
        folders.group(batch.rows()).forEach((folder, rows) -> write(folder, new Batch(batch.schema(), rows)));
    }

    private void write(String folder, Batch batch) {
        List<Object[]> rows = batch.rows();
        int from = 0;
        while (from < rows.size()) {
            RowFileWriter current = open.get(folder);
            if (current == null) {
                current = startFile(folder);
            }
            int left = rows.size() - from;
            int take = maxRowsPerFile == 0 ? left : (int) Math.min(left, maxRowsPerFile - current.rowsWritten());
            current.write(take == rows.size() ? batch : new Batch(batch.schema(), rows.subList(from, from + take)));
            from += take;
            if (maxRowsPerFile > 0 && current.rowsWritten() >= maxRowsPerFile) {
                finishFile(folder);
            }
        }
    }

    @Override
    public void commit() {
        requireOpen();
        for (String folder : List.copyOf(open.keySet())) {
            finishFile(folder);
        }
        if (staged.isEmpty() && chunk.count() == 1) {
            startFile("");
            finishFile("");
        }
        Set<String> published = Set.copyOf(staged.stream().map(StagedObject::key).toList());
        manifest.addParts(target, run, chunk.index(), published);
        for (StagedObject object : staged) {
            object.publish();
        }
        committed = true;
        manifest.removeParts(target, run, chunk.index(), manifest.chunkFiles(target, run, chunk.index()).stream()
                .filter(key -> !published.contains(key)).toList());
    }

    @Override
    public long bytesWritten() {
        return finishedBytes + open.values().stream().mapToLong(RowFileWriter::bytesWritten).sum();
    }

    /** Discards every staged file first, so closing the writers afterwards can neither fail nor publish. */
    @Override
    public void close() {
        for (StagedObject object : staged) {
            object.close();
        }
        for (RowFileWriter writer : open.values()) {
            writer.close();
        }
        open.clear();
    }

    private RowFileWriter startFile(String folder) {
        if (open.size() >= OPEN_FILES) {
            Iterator<String> eldest = open.keySet().iterator();
            finishFile(eldest.next());
        }
        int part = parts.merge(folder, 1, Integer::sum) - 1;
        String key = keys.fileKey(target, run, chunk.index(), folder, part);
        // what a crashed attempt at this file left (a local staging file): no other writer writes this name
        sink.discardAbandoned(key);
        StagedObject object = sink.create(key);
        staged.add(object);
        RowFileWriter writer = writers.open(schema, object.output());
        open.put(folder, writer);
        return writer;
    }

    private void finishFile(String folder) {
        RowFileWriter current = open.remove(folder);
        current.finish();
        finishedBytes += current.bytesWritten();
    }

    private void requireOpen() {
        if (committed) {
            throw new IllegalStateException("chunk " + chunk.index() + " of " + target + " is already committed");
        }
    }
}
