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
import io.dtaas.format.writers.RowFileWriters;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes tables as Parquet, CSV or JSON-lines files into an {@link ObjectSink} (S3, a local directory), laid
 * out by {@link ObjectKeys}: each run has its own file names (a run name in each), and within a run each
 * chunk's files have fixed names, so a retried or reclaimed chunk replaces its own files and rows are never
 * doubled. Every file is listed in the table folder's {@link Manifest} before it is published; only listed
 * files are ever deleted, so foreign files sharing the folder are safe.
 *
 * <p>A run continues another one's files when the engine says it resumes the table ({@link #prepare(TableSchema,
 * TableRef, WriteMode, boolean)} with {@code resuming}): it takes the latest run listed in the manifest, so the
 * chunks it redoes replace that run's attempts and the chunks it skips stay.
 *
 * <p>Write modes:
 * <ul>
 *   <li>{@link WriteMode#APPEND}: every earlier run's files stay; this run adds its own.</li>
 *   <li>{@link WriteMode#MERGE}: files have no keys to merge on, so it behaves exactly as APPEND.</li>
 *   <li>{@link WriteMode#OVERWRITE}: the new files are written beside the old ones, and {@link #complete}
 *       deletes every file the manifest lists that is not this run's (earlier runs' files in any load-date
 *       folder, change files). A failed run never reaches {@code complete} and deletes nothing.</li>
 * </ul>
 *
 * <p>The load date of {@code partition_by_load_date} is the UTC date when this destination was created,
 * the same for every chunk of the run, so a retried chunk lands in the same folder.
 */
public final class FileDestination implements Destination {

    @Override
    public java.util.Optional<io.dtaas.connect.ChangeApplication> changeApplication() {
        return java.util.Optional.of(io.dtaas.connect.ChangeApplication.CHANGE_FILES);
    }

    private final ObjectSink sink;
    private final FileLayout layout;
    private final RowFileWriters writers;
    private final ObjectKeys keys;
    private final Manifest manifest;
    /** This destination's run name: what a table is written under unless it continues an earlier run. */
    private final String run;
    /** The run each table is written under (this one's, or the earlier one it resumes). */
    private final Map<TableRef, String> runs = new ConcurrentHashMap<>();
    /** Tables whose run is listed in their manifest (once, before their first chunk writes). */
    private final Map<TableRef, String> listed = new ConcurrentHashMap<>();

    public FileDestination(ObjectSink sink, FileLayout layout, ParquetOptions parquet, Clock clock) {
        this.sink = sink;
        this.layout = layout;
        this.writers = new RowFileWriters(layout.format(), parquet);
        LocalDate loadDate = layout.partitionByLoadDate() ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : null;
        this.keys = new ObjectKeys(layout.prefix(), loadDate, layout.format().fileExtension());
        this.manifest = new Manifest(sink, keys);
        this.run = ObjectKeys.newRun(clock.instant(), new SecureRandom());
    }

    /** Nothing to create (folders exist as soon as a file is in them); a new run, not resuming one. */
    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode) {
        prepare(source, target, mode, false);
    }

    /** Checks the names make a folder; a resumed table continues the latest run listed in its manifest. */
    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode, boolean resuming) {
        keys.tableFolder(target);
        runs.put(target, resuming ? manifest.latestRun(target).orElse(run) : run);
    }

    @Override
    public ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode) {
        String tableRun = runs.computeIfAbsent(target, t -> run);
        // listed before any file of the run is published: a resumed run must find it even if no file was
        listed.computeIfAbsent(target, t -> {
            manifest.addRun(t, tableRun);
            return tableRun;
        });
        return new FileChunkWriter(sink, manifest, writers, keys, tableRun, source, target, chunk,
                layout.maxRowsPerFile());
    }

    /** For {@link WriteMode#OVERWRITE}: deletes the files the manifest lists that are not this run's. */
    @Override
    public void complete(TableSchema source, TableRef target, WriteMode mode) {
        if (mode == WriteMode.OVERWRITE) {
            manifest.removeAllBut(target, runs.getOrDefault(target, run));
        }
    }

    /**
     * Publishes one file of rows named {@code name} (a {@code changes-...} name, plus the format's extension) in
     * the table's folder, under {@code load_date=<date>/} when the layout partitions by load date, replacing a
     * file of the same key atomically (change data capture writes one such file per table and batch). Returns
     * its key.
     */
    public String writeFile(TableSchema schema, TableRef target, LocalDate date, String name, Batch rows) {
        ObjectKeys dated = new ObjectKeys(keys.prefix(), keys.loadDate() == null ? null : date, keys.extension());
        String key = dated.fileFolder(target) + name + keys.extension();
        sink.discardAbandoned(key);
        manifest.add(target, List.of(key));
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
