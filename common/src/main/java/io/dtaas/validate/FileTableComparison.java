package io.dtaas.validate;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.StoredFiles;
import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.objectstore.FileChangeSink;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.RunControl;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.TransientError;
import io.dtaas.validate.RowDigests.Row;
import io.dtaas.validate.RowDigests.RowKey;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Compares a source table with the rows read back from its target's files (S3, local files). Files have no
 * checksums of their own and no order, so every row is read from both ends and hashed in Java over the same
 * canonical text ({@link CanonicalText}); equal data gives equal digests whatever the format.
 *
 * <p>With an integer leading key the differing keys are named with bounded memory: the files' rows are spilled, as
 * (key, digest) records, into local temporary files by key range (the source's chunk plan, grouped into at most
 * {@value #GROUPS} spill files; a spill file that is still too large is split again by its chunks). Then each chunk
 * of the source is read (holding a slot of the resource budget, as a load's chunk does) and compared with its range's
 * digests, which alone are held in memory. A last pass over the files fetches the values of the first differing
 * keys. Without such a key the table is compared as a whole: row counts and an order-independent sum of row hashes.
 *
 * <p>A change log (the change files of change data capture, after the files of a load's latest run, in the order they
 * were written) is folded into rows on the way: its records are spilled in file order with a tombstone for a delete,
 * so each spill file, replayed in order, keeps the last operation per key (an insert or update sets the row, a
 * delete removes it), and the folded state alone is compared.
 */
final class FileTableComparison {

    static final int GROUPS = 64;
    /** A spill file with more records than this is split again (when it spans several chunks). */
    static final long RECORDS_IN_MEMORY = 500_000;
    private static final int BATCH = 1000;
    /** A spilled delete of a change log: no row's SHA-256 is all zeros. */
    private static final byte[] DELETED = new byte[32];

    private final Source source;
    private final TableSchema schema;
    private final StoredFiles stored;
    private final List<String> files;
    private final long chunkRows;
    private final int sampleLimit;
    private final RunControl control;
    private final RowDigests digests;
    /** The rows are a change log to fold: each carries its operation at {@link #opIndex}. */
    private final boolean changeLog;
    private final int opIndex;
    /** The source's columns, plus the change files' operation column when folding. */
    private final TableSchema readSchema;

    private long sourceRows;
    private long targetRows;
    private long differingKeys;
    private boolean stopped;
    /** The first differing keys in key order (at most sampleLimit), with the source's values where it has the row. */
    private final TreeMap<RowKey, KeyDifference> samples = new TreeMap<>();
    private final Set<String> missingFiles = new java.util.TreeSet<>();

    /**
     * @param files     the files to read, in order
     * @param changeLog whether the files are a change log to fold (they carry {@link FileChangeSink#OP}); files
     *                  without that column (a load's) read as inserts
     */
    FileTableComparison(Source source, TableSchema schema, StoredFiles stored, List<String> files, boolean changeLog,
                        long chunkRows, int sampleLimit, RunControl control) {
        this.source = source;
        this.schema = schema;
        this.stored = stored;
        this.files = files;
        this.chunkRows = chunkRows;
        this.sampleLimit = sampleLimit;
        this.control = control;
        List<String> columns = schema.columns().stream().map(c -> c.name()).toList();
        int[] positions = new int[columns.size()];
        Arrays.setAll(positions, i -> i);
        ColumnKind[] kinds = schema.columns().stream().map(c -> c.type().kind()).toArray(ColumnKind[]::new);
        this.digests = new RowDigests(columns, positions, kinds, schema.primaryKey());
        this.changeLog = changeLog;
        this.opIndex = schema.columns().size();
        List<Column> read = new ArrayList<>(schema.columns());
        if (changeLog) {
            read.add(new Column(FileChangeSink.OP, ColumnType.of(ColumnKind.STRING), true));
        }
        this.readSchema = new TableSchema(schema.table(), read, schema.primaryKey());
    }

    long sourceRows() {
        return sourceRows;
    }

    long targetRows() {
        return targetRows;
    }

    long differingKeys() {
        return differingKeys;
    }

    boolean stopped() {
        return stopped;
    }

    /** Files the run listed that are gone. */
    Set<String> missingFiles() {
        return missingFiles;
    }

    List<KeyDifference> samples() {
        return List.copyOf(samples.values());
    }

    /** Counts the files' rows only (values not compared). */
    long countTarget() {
        forEachFileRow(values -> targetRows++);
        return targetRows;
    }

    /** Whole-table comparison: true when counts and the sums of row hashes agree ({@link #stopped()} tells a stop). */
    boolean compareWhole() {
        long[] sourceSum = {0};
        for (Chunk chunk : source.plan(schema, chunkRows)) {
            if (!inBudget(() -> readSource(chunk, row -> {
                sourceRows++;
                sourceSum[0] += row.hash60(); // wraps: still order-independent
            }))) {
                stopped = true;
                return false;
            }
        }
        long[] targetSum = {0};
        forEachFileRow(values -> {
            targetRows++;
            targetSum[0] += digests.row(values).hash60();
        });
        return sourceRows == targetRows && sourceSum[0] == targetSum[0];
    }

    /** By key: finds every differing key. Returns false when stopped. */
    boolean compareByKey() {
        List<Chunk> plan = source.plan(schema, chunkRows);
        List<ChunkBounds.KeyRange> ranges = plan.stream().allMatch(c -> c.bounds() instanceof ChunkBounds.KeyRange)
                ? plan.stream().map(c -> (ChunkBounds.KeyRange) c.bounds())
                        .sorted(Comparator.comparing(r -> r.lower() == null ? Long.MIN_VALUE : r.lower())).toList()
                : List.of(new ChunkBounds.KeyRange(schema.primaryKey().get(0), null, null));
        Path dir;
        try {
            dir = Files.createTempDirectory("dtaas-validate-");
        } catch (IOException e) {
            throw new TransientError("cannot create a temporary folder for validation: " + e, e);
        }
        try {
            List<List<ChunkBounds.KeyRange>> groups = groups(ranges);
            List<Path> spills = spill(dir, groups, this::fileDigests, !changeLog);
            for (int g = 0; g < groups.size() && !stopped; g++) {
                compareGroup(dir, groups.get(g), spills.get(g));
            }
            if (!stopped) {
                fetchTargetValues();
            }
            return !stopped;
        } finally {
            DigestSpill.deleteTree(dir);
        }
    }

    private void compareGroup(Path dir, List<ChunkBounds.KeyRange> ranges, Path spill) {
        long records = (Files.exists(spill) ? DigestSpill.size(spill) : 0) / 44; // at least 44 bytes per record
        if (records > RECORDS_IN_MEMORY && ranges.size() > 1) {
            List<List<ChunkBounds.KeyRange>> parts = groups(ranges);
            List<Path> spills = spill(dir, parts, consumer -> replay(spill, consumer), false);
            DigestSpill.deleteQuietly(spill);
            for (int g = 0; g < parts.size() && !stopped; g++) {
                compareGroup(dir, parts.get(g), spills.get(g));
            }
            return;
        }
        Map<RowKey, byte[]> target = new HashMap<>();
        DigestSpill.read(spill, (key, digest) -> {
            if (changeLog && Arrays.equals(digest, DELETED)) {
                target.remove(key); // in spill order: the last operation of a key decides
            } else {
                target.put(key, digest);
            }
        });
        DigestSpill.deleteQuietly(spill);
        if (changeLog) {
            targetRows += target.size(); // the folded rows
        }
        for (ChunkBounds.KeyRange range : ranges) {
            if (control.stopRequested() || control.pauseRequested()) {
                stopped = true;
                return;
            }
            boolean done = inBudget(() -> readSource(new Chunk(schema.table(), 0, 1, range), row -> {
                sourceRows++;
                RowKey key = digests.key(row);
                byte[] other = target.remove(key);
                if (other == null) {
                    found(key, KeyDifference.Kind.MISSING_IN_TARGET, row.shown());
                } else if (!Arrays.equals(other, row.digest())) {
                    found(key, KeyDifference.Kind.VALUES_DIFFER, row.shown());
                }
            }));
            if (!done) {
                stopped = true;
                return;
            }
        }
        target.keySet().stream().sorted().forEach(key -> found(key, KeyDifference.Kind.EXTRA_IN_TARGET, null));
    }

    private void found(RowKey key, KeyDifference.Kind kind, Map<String, String> sourceValues) {
        differingKeys++;
        Map<String, String> keyValues = sourceValues == null ? Map.of(schema.primaryKey().get(0), Long.toString(key.lead()))
                : RowDigests.keyOf(schema.primaryKey(), sourceValues);
        samples.put(key, new KeyDifference(keyValues, kind, sourceValues, null));
        if (samples.size() > sampleLimit) {
            samples.pollLastEntry();
        }
    }

    /** A last pass over the files for the target's values of the sampled keys it holds. */
    private void fetchTargetValues() {
        Set<RowKey> wanted = new HashSet<>();
        samples.forEach((key, d) -> {
            if (d.kind() != KeyDifference.Kind.MISSING_IN_TARGET) {
                wanted.add(key);
            }
        });
        if (wanted.isEmpty()) {
            return;
        }
        forEachFileRow(values -> {
            Row row = digests.row(values);
            RowKey key = digests.key(row);
            if (wanted.contains(key)) {
                KeyDifference d = samples.get(key);
                samples.put(key, new KeyDifference(RowDigests.keyOf(schema.primaryKey(), row.shown()), d.kind(),
                        d.source(), deleted(values) ? null : row.shown())); // a change log's last operation wins
            }
        });
    }

    /** Cuts ranges into at most GROUPS runs of consecutive ranges. */
    private static List<List<ChunkBounds.KeyRange>> groups(List<ChunkBounds.KeyRange> ranges) {
        int per = Math.max(1, (ranges.size() + GROUPS - 1) / GROUPS);
        List<List<ChunkBounds.KeyRange>> groups = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i += per) {
            groups.add(ranges.subList(i, Math.min(ranges.size(), i + per)));
        }
        return groups;
    }

    /** Writes each row's (key, digest) into the spill file of the group whose ranges hold its leading key. */
    private List<Path> spill(Path dir, List<List<ChunkBounds.KeyRange>> groups, Consumer<DigestSpill.Sink> rows,
                             boolean countTarget) {
        long[] lowers = groups.stream().mapToLong(g -> g.get(0).lower() == null ? Long.MIN_VALUE : g.get(0).lower())
                .toArray();
        List<Path> paths = new ArrayList<>();
        List<DataOutputStream> outs = new ArrayList<>();
        try {
            for (int g = 0; g < groups.size(); g++) {
                Path p = Files.createTempFile(dir, "spill-", ".bin");
                paths.add(p);
                outs.add(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), 16 * 1024)));
            }
            rows.accept((key, digest) -> {
                int at = Arrays.binarySearch(lowers, key.lead());
                int g = at >= 0 ? at : Math.max(0, -at - 2);
                if (countTarget) {
                    targetRows++;
                }
                DigestSpill.write(outs.get(g), key, digest);
            });
        } catch (IOException e) {
            throw new TransientError("cannot write validation's temporary files: " + e, e);
        } finally {
            outs.forEach(DigestSpill::closeQuietly);
        }
        return paths;
    }

    private void fileDigests(DigestSpill.Sink sink) {
        forEachFileRow(values -> {
            Row row = digests.row(values);
            sink.accept(digests.key(row), deleted(values) ? DELETED : row.digest());
        });
    }

    private boolean deleted(Object[] values) {
        return changeLog && ChangeEvent.Op.DELETE.code().equals(values[opIndex]);
    }

    private void replay(Path spill, DigestSpill.Sink sink) {
        DigestSpill.read(spill, sink);
    }

    private void forEachFileRow(Consumer<Object[]> each) {
        for (String file : files) {
            RowStream opened;
            try {
                opened = stored.read(file, readSchema);
            } catch (NotFoundError e) {
                missingFiles.add(stored.describe(file)); // listed by the run, deleted since: its rows are missing
                continue;
            }
            try (RowStream rows = opened) {
                Batch batch;
                while ((batch = rows.next(BATCH)) != null) {
                    batch.rows().forEach(each);
                }
            } catch (NumberFormatException | NullPointerException e) {
                throw new TransientError(stored.describe(file) + " holds a row whose key is not an integer", e);
            }
        }
    }

    private void readSource(Chunk chunk, Consumer<Row> each) {
        try (RowStream rows = source.read(schema, chunk)) {
            Batch batch;
            while ((batch = rows.next(BATCH)) != null) {
                for (Object[] values : batch.rows()) {
                    each.accept(digests.row(values));
                }
            }
        }
    }

    /** Runs one source chunk holding a slot of the process's budget; false when asked to stop meanwhile. */
    private boolean inBudget(Runnable work) {
        return Budgeted.run(control, () -> {
            work.run();
            return true;
        });
    }
}
