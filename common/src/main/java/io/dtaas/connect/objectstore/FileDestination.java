package io.dtaas.connect.objectstore;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.RowFileWriter;
import io.dtaas.format.RowFileWriters;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes tables as Parquet, CSV or JSON-lines files into an {@link ObjectSink} (S3, a local directory), laid
 * out by {@link ObjectKeys}: each chunk's files have fixed names, so a retried, resumed or repeated chunk
 * replaces its own files and rows are never doubled.
 *
 * <p>Write modes:
 * <ul>
 *   <li>{@link WriteMode#APPEND}: files of other chunks, other runs and other load dates stay.</li>
 *   <li>{@link WriteMode#MERGE}: files have no keys to merge on, so it behaves exactly as APPEND.</li>
 *   <li>{@link WriteMode#OVERWRITE}: the new files are written in place (each chunk replaces its namesake
 *       as it commits, so readers see a mix during the run), and {@link #complete} deletes every object under
 *       the table's folder that is not a file of this run's plan: other load dates, chunk indexes beyond the
 *       plan, other formats, foreign files. A failed run never reaches {@code complete} and deletes nothing.
 *       A chunk of this plan written by an earlier attempt of the same run (a resumed run skips it) is kept.</li>
 * </ul>
 *
 * <p>The load date of {@code partition_by_load_date} is the UTC date when this destination was created,
 * the same for every chunk of the run, so a retried chunk lands in the same folder.
 */
public final class FileDestination implements Destination {

    private final ObjectSink sink;
    private final FileLayout layout;
    private final RowFileWriters writers;
    private final ObjectKeys keys;
    /** The most chunks any plan opened here had, per target table: tells OVERWRITE which files are this run's. */
    private final Map<TableRef, Integer> planSizes = new ConcurrentHashMap<>();

    public FileDestination(ObjectSink sink, FileLayout layout, ParquetOptions parquet, Clock clock) {
        this.sink = sink;
        this.layout = layout;
        this.writers = new RowFileWriters(layout.format(), parquet);
        LocalDate loadDate = layout.partitionByLoadDate() ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : null;
        this.keys = new ObjectKeys(layout.prefix(), loadDate, layout.format().fileExtension());
    }

    public ObjectKeys keys() {
        return keys;
    }

    /** Nothing to create (folders exist as soon as a file is in them); checks the names make a folder. */
    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode) {
        keys.tableFolder(target);
    }

    @Override
    public ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode) {
        planSizes.merge(target, chunk.count(), Math::max);
        return new FileChunkWriter(sink, writers, keys, source, target, chunk, layout.maxRowsPerFile());
    }

    /** For {@link WriteMode#OVERWRITE}: deletes the table's objects that are not files of this run's plan. */
    @Override
    public void complete(TableSchema source, TableRef target, WriteMode mode) {
        if (mode != WriteMode.OVERWRITE) {
            return;
        }
        Integer chunkCount = planSizes.get(target);
        List<String> stale = sink.list(keys.tableFolder(target)).stream()
                .filter(key -> !keys.isPlannedFile(target, key, chunkCount))
                .toList();
        sink.delete(stale);
    }

    /**
     * Publishes one file of rows named {@code name} (plus the format's extension) in the table's folder, under
     * {@code load_date=<date>/} when the layout partitions by load date, replacing a file of the same key
     * atomically (change data capture writes one such file per table and batch). Returns its key.
     */
    public String writeFile(TableSchema schema, TableRef target, LocalDate date, String name, Batch rows) {
        ObjectKeys dated = new ObjectKeys(keys.prefix(), keys.loadDate() == null ? null : date, keys.extension());
        String key = dated.fileFolder(target) + name + keys.extension();
        sink.discardAbandoned(key);
        try (StagedObject object = sink.create(key)) {
            try (RowFileWriter writer = writers.open(schema, object.output())) {
                writer.write(rows);
                writer.finish();
            }
            object.publish();
        }
        return key;
    }

    @Override
    public void close() {
        sink.close();
    }
}
