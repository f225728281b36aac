package io.dtaas.connect.objectstore;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.RowFileWriter;
import io.dtaas.format.writers.RowFileWriters;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * <p>The load date of {@code partition_by_load_date} (and {@code {date}} in file names) is the UTC date when this
 * destination was created, the same for every chunk of the run, so a retried chunk lands in the same folder.
 * {@code partition_by} adds value folders under it ({@link PartitionFolders}); a file name template without
 * {@code {run}} is refused for APPEND and MERGE, whose runs must not replace each other's files.
 */
public final class FileDestination implements Destination {

    @Override
    public java.util.Optional<io.dtaas.connect.ChangeApplication> changeApplication() {
        return java.util.Optional.of(io.dtaas.connect.ChangeApplication.CHANGE_FILES);
    }

    @Override
    public java.util.Optional<io.dtaas.connect.change.ChangeSink> changeSink(io.dtaas.connect.change.ChangeSinkSpec spec) {
        return java.util.Optional.of(new FileChangeSink(this, spec.schemas(), spec.pipelines(), spec.rebinder(),
                spec.targetOf()));
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
    /** How many chunks each resumed table's plan has, from the chunks this destination opened. */
    private final Map<TableRef, Integer> chunkCounts = new ConcurrentHashMap<>();
    /** Tables continuing an earlier run ({@link #prepare} with {@code resuming}), which may hold a larger plan's chunks. */
    private final java.util.Set<TableRef> resumed = ConcurrentHashMap.newKeySet();

    public FileDestination(ObjectSink sink, FileLayout layout, ParquetOptions parquet, Clock clock) {
        this.sink = sink;
        this.layout = layout;
        this.writers = new RowFileWriters(layout.format(), parquet);
        this.keys = new ObjectKeys(layout.prefix(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                layout.partitionByLoadDate(), layout.format().fileExtension(), layout.fileNames());
        this.manifest = new Manifest(sink, keys);
        this.run = ObjectKeys.newRun(clock.instant(), new SecureRandom());
    }

    /** The folder this run's files of the table go into (e.g. {@code s3://bucket/exports/public/orders/}). */
    @Override
    public String location(TableRef target) {
        String folder = sink.describe(keys.fileFolder(target));
        return folder.endsWith("/") ? folder : folder + "/"; // a local path loses its trailing slash; it is a folder
    }

    /** Nothing to create (folders exist as soon as a file is in them); a new run, not resuming one. */
    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode) {
        prepare(source, target, mode, false);
    }

    /**
     * Checks the names make a folder, the partition columns exist and the file names suit the mode; a resumed table
     * continues the latest run listed in its manifest.
     */
    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode, boolean resuming) {
        keys.tableFolder(target);
        folders(source);
        requireNamesFor(mode);
        runs.put(target, resuming ? manifest.latestRun(target).orElse(run) : run);
        if (resuming) {
            resumed.add(target);
        }
    }

    /**
     * For change data capture: checks the names make a folder and the partition columns exist. Change files are
     * named by their batch, not by the file name template, so any template suits them.
     */
    public void prepareChanges(TableSchema schema, TableRef target) {
        keys.tableFolder(target);
        folders(schema);
    }

    /** Each chunk's files are named after its index and replaced at commit ({@link FileChunkWriter}). */
    @Override
    public boolean replacesChunksByIdentity() {
        return true;
    }

    @Override
    public ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode) {
        requireNamesFor(mode);
        PartitionFolders folders = folders(source);
        String tableRun = runs.computeIfAbsent(target, t -> run);
        if (resumed.contains(target)) {
            chunkCounts.put(target, chunk.count());
        }
        // listed before any file of the run is published: a resumed run must find it even if no file was
        listed.computeIfAbsent(target, t -> {
            manifest.addRun(t, tableRun);
            return tableRun;
        });
        return new FileChunkWriter(sink, manifest, writers, keys, folders, tableRun, source, target, chunk,
                layout.maxRowsPerFile());
    }

    private PartitionFolders folders(TableSchema schema) {
        return PartitionFolders.of(layout.partitionBy(), schema, layout.fieldPath() + ".partition_by");
    }

    /** Without {@code {run}} in the names a later run's files replace an earlier run's: only OVERWRITE means that. */
    private void requireNamesFor(WriteMode mode) {
        if (mode != WriteMode.OVERWRITE && !layout.fileNames().hasRun()) {
            throw new ConfigError(layout.fieldPath() + ".file_name_template", "must contain {run} for write mode "
                    + mode.wireName() + ": without it each run's files would replace the previous run's "
                    + "(only overwrite replaces them)");
        }
    }

    /**
     * For a resumed table, deletes the run's files of chunks beyond the plan's count (left by an earlier attempt of a
     * larger plan that this one continued: a resumed heap-page plan); for {@link WriteMode#OVERWRITE}, then the files the manifest
     * lists that are not this run's.
     */
    @Override
    public void complete(TableSchema source, TableRef target, WriteMode mode) {
        Integer count = chunkCounts.get(target);
        if (count != null) {
            manifest.removeChunksFrom(target, runs.getOrDefault(target, run), count);
        }
        if (mode == WriteMode.OVERWRITE) {
            manifest.removeAllBut(target, runs.getOrDefault(target, run));
        }
    }

    /**
     * Publishes one file of rows named {@code name} (a {@code changes-...} name, plus the format's extension) in
     * the table's folder, under {@code load_date=<date>/} when the layout partitions by load date and in value
     * folders when it partitions by columns (one file per value folder, all with that name), replacing files of
     * the same keys atomically (change data capture writes one such file per table, batch and value folder).
     * Returns their keys.
     */
    public List<String> writeFile(TableSchema schema, TableRef target, LocalDate date, String name, Batch rows) {
        ObjectKeys dated = keys.on(date);
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> group : folders(schema).group(rows.rows()).entrySet()) {
            String key = dated.fileFolder(target) + group.getKey() + name + keys.extension();
            sink.discardAbandoned(key);
            manifest.addChanges(target, List.of(key));
            try (StagedObject object = sink.create(key)) {
                try (RowFileWriter writer = writers.open(schema, object.output())) {
                    writer.write(new Batch(schema, group.getValue()));
                    writer.finish();
                }
                object.publish();
            }
            written.add(key);
        }
        return written;
    }

    @Override
    public java.util.Optional<io.dtaas.connect.StoredFiles> storedFiles() {
        return java.util.Optional.of(new StoredTableFiles(sink, manifest, layout.format()));
    }

    @Override
    public void close() {
        sink.close();
    }
}
