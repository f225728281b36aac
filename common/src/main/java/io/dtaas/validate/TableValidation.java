package io.dtaas.validate;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.StoredFiles;
import io.dtaas.connect.TableDigests;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.KeyRangeCopy;
import io.dtaas.engine.RunControl;
import io.dtaas.error.DtaasException;
import io.dtaas.error.NotFoundError;
import io.dtaas.job.TransferConfig;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates one table of a task (and, when asked, repairs it): describes both ends, then compares by key ranges when
 * the table has an integer leading key, or as a whole otherwise. A table the task transforms or reads through a
 * custom query is counted on both ends but its values are not compared.
 */
final class TableValidation {

    private static final Set<ColumnKind> INTEGER_KEYS = Set.of(ColumnKind.INT16, ColumnKind.INT32, ColumnKind.INT64);

    private final Source source;
    private final Source targetReader;
    private final Destination destination;
    private final TransferConfig config;
    private final ValidationRun.Options options;
    private final RunControl control;
    private final StreamFence fence;

    /** Streaming tasks: how often differing ranges are compared again after the stream caught up. */
    static final int SETTLE_ROUNDS = 3;

    TableValidation(Source source, Source targetReader, Destination destination, TransferConfig config,
                    ValidationRun.Options options, RunControl control, StreamFence fence) {
        this.source = source;
        this.targetReader = targetReader;
        this.destination = destination;
        this.config = config;
        this.options = options;
        this.control = control;
        this.fence = fence;
    }

    TableReport run(TableRef table, TableRef target) {
        long started = System.nanoTime();
        try {
            return compare(table, target, started);
        } catch (DtaasException e) {
            return TableReport.failed(table.toString(), target.toString(), e.getMessage(), millisSince(started));
        }
    }

    private TableReport compare(TableRef table, TableRef target, long started) {
        if (targetReader == null) {
            Optional<StoredFiles> stored = destination == null ? Optional.empty() : destination.storedFiles();
            if (stored.isEmpty()) {
                return TableReport.failed(table.toString(), target.toString(), "this destination cannot be read back",
                        millisSince(started));
            }
            return files(table, target, stored.get(), started);
        }
        TableSchema schema = source.describe(table);
        TableSchema targetSchema;
        try {
            targetSchema = targetReader.describe(target);
        } catch (NotFoundError e) {
            return TableReport.failed(table.toString(), target.toString(), "the target table does not exist",
                    millisSince(started));
        }
        Optional<TableDigests> sourceDigests = source.digests();
        Optional<TableDigests> targetDigests = targetReader.digests();
        if (sourceDigests.isEmpty() || targetDigests.isEmpty()) {
            return TableReport.failed(table.toString(), target.toString(),
                    "checksums are not available for this " + (sourceDigests.isEmpty() ? "source" : "target"),
                    millisSince(started));
        }
        TableEnd from = new TableEnd(source, sourceDigests.get(), schema);
        TableEnd to = new TableEnd(targetReader, targetDigests.get(), targetSchema);
        String notComparable = valuesNotComparable(table);
        if (notComparable != null) {
            return countsOnly(table, target, from, to, notComparable, started);
        }
        List<String> missing = schema.columns().stream().map(c -> c.name()).filter(n -> targetSchema.indexOf(n) < 0).toList();
        if (!missing.isEmpty()) {
            return countsOnly(table, target, from, to, "columns missing in the target: " + missing, started);
        }
        List<String> columns = schema.columns().stream().map(c -> c.name()).toList();
        if (!hasIntegerKey(schema)) {
            return wholeTable(table, target, from, to, columns, started);
        }
        return byKeyRanges(table, target, from, to, columns, started);
    }

    /**
     * A file target: rows read back from the files of the latest run, and the change files of change data capture
     * folded over them in the order they were written (docs/validation.md, "File targets").
     */
    private TableReport files(TableRef table, TableRef target, StoredFiles stored, long started) {
        TableSchema schema = source.describe(table);
        StoredFiles.TableFiles found = stored.files(target);
        if (found.run() == null && found.changeFiles().isEmpty()) {
            return TableReport.failed(table.toString(), target.toString(),
                    "the target folder holds no files a load wrote (its manifest lists no run)", millisSince(started));
        }
        boolean changeLog = !found.changeFiles().isEmpty();
        List<String> ordered = changeLog ? ChangeFileOrder.after(found.files(), found.changeFiles()) : found.files();
        String notComparable = valuesNotComparable(table);
        if (notComparable == null && changeLog && !hasIntegerKey(schema)) {
            notComparable = "change files are folded into rows by the table's integer leading key, which this table"
                    + " lacks";
        }
        if (notComparable != null) {
            Long targetRows = changeLog ? null : new FileTableComparison(source, schema, stored, ordered, false,
                    config.chunkRows(), options.sampleLimit(), control).countTarget();
            Long sourceRows = source.digests().map(d -> d.digest(schema, List.of(), null).rows()).orElse(null);
            long read = (targetRows == null ? 0 : targetRows) + (sourceRows == null ? 0 : sourceRows);
            return new TableReport(table.toString(), target.toString(), Verdict.NOT_COMPARABLE, notComparable, sourceRows,
                    targetRows, null, List.of(), read, targetRows == null ? 0 : targetRows, null, millisSince(started));
        }
        String repairNote = changeLog ? "; files are never repaired (a resync of the task rewrites them)"
                : options.repair() ? "; file targets are not repaired (a full load rewrites their files)" : "";
        if (!hasIntegerKey(schema)) {
            FileTableComparison files = new FileTableComparison(source, schema, stored, ordered, false,
                    config.chunkRows(), options.sampleLimit(), control);
            boolean equal = files.compareWhole();
            if (files.stopped()) {
                return TableReport.failed(table.toString(), target.toString(), "validation was stopped", millisSince(started));
            }
            return new TableReport(table.toString(), target.toString(), equal ? Verdict.EQUAL : Verdict.DIFFERENT,
                    equal ? null : "the table has no integer primary key, so the differing rows cannot be located"
                            + repairNote, files.sourceRows(), files.targetRows(), null, List.of(),
                    files.sourceRows() + files.targetRows(), files.sourceRows() + files.targetRows(), null,
                    millisSince(started));
        }
        return filesByKey(table, target, stored, schema, found, changeLog, repairNote, started);
    }

    /**
     * A file target by key. A change log keeps growing: it is listed and compared once the stream wrote what the
     * source had committed, and while rows differ, again after the next such point (changes in flight drop out; what
     * stays is drift).
     */
    private TableReport filesByKey(TableRef table, TableRef target, StoredFiles stored, TableSchema schema,
                                   StoredFiles.TableFiles found, boolean changeLog, String repairNote, long started) {
        List<String> ordered = found.files();
        boolean caughtUp = !changeLog || fence.await(control);
        FileTableComparison files = null;
        long read = 0;
        for (int round = 0; round <= (changeLog && fence != StreamFence.NONE ? SETTLE_ROUNDS : 0); round++) {
            if (round > 0) {
                if (files.differingKeys() == 0) {
                    break;
                }
                caughtUp &= fence.await(control);
            }
            if (changeLog) { // listed after the wait: the files the stream wrote up to the point
                found = stored.files(target);
                ordered = ChangeFileOrder.after(found.files(), found.changeFiles());
            }
            files = new FileTableComparison(source, schema, stored, ordered, changeLog, config.chunkRows(),
                    options.sampleLimit(), control);
            if (!files.compareByKey()) {
                return TableReport.failed(table.toString(), target.toString(), "validation was stopped", millisSince(started));
            }
            read += files.sourceRows() + files.targetRows();
        }
        boolean equal = files.differingKeys() == 0;
        String missing = files.missingFiles().isEmpty() ? "" : "; " + files.missingFiles().size()
                + (changeLog ? " files listed in the folder's manifest are gone, e.g. " : " files the run wrote are gone, e.g. ")
                + files.missingFiles().iterator().next();
        String what = changeLog ? "rows folded from " + found.changeFiles().size() + " change files"
                + (found.run() == null ? "" : " over " + found.files().size() + " files of run " + found.run())
                : "rows read back from " + found.files().size() + " files of run " + found.run();
        String unconfirmed = caughtUp ? "" : "; " + fence.unconfirmed() + ": changes still in flight may show as"
                + " differences";
        return new TableReport(table.toString(), target.toString(), equal ? Verdict.EQUAL : Verdict.DIFFERENT,
                equal ? (caughtUp ? null : unconfirmed.substring(2)) : what + missing + unconfirmed + repairNote,
                files.sourceRows(), files.targetRows(), files.differingKeys(), files.samples(), read, read, null,
                millisSince(started));
    }

    private static boolean hasIntegerKey(TableSchema schema) {
        return schema.hasPrimaryKey()
                && INTEGER_KEYS.contains(schema.columns().get(schema.indexOf(schema.primaryKey().get(0))).type().kind());
    }

    private String valuesNotComparable(TableRef table) {
        if (config.queries().containsKey(table.toString()) || config.queries().containsKey(table.name())) {
            return "the task reads this table through a custom query; counts only";
        }
        if (!config.transformationsFor(table).isEmpty()) {
            return "transformations change the rows on their way; counts only";
        }
        return null;
    }

    private TableReport countsOnly(TableRef table, TableRef target, TableEnd from, TableEnd to, String reason, long started) {
        TableDigests.RangeDigest s = from.digests().digest(from.schema(), List.of(), null);
        TableDigests.RangeDigest t = to.digests().digest(to.schema(), List.of(), null);
        return new TableReport(table.toString(), target.toString(), Verdict.NOT_COMPARABLE, reason, s.rows(), t.rows(),
                null, List.of(), s.rows() + t.rows(), 0, null, millisSince(started));
    }

    private TableReport wholeTable(TableRef table, TableRef target, TableEnd from, TableEnd to, List<String> columns,
                                   long started) {
        fence.await(control); // a streaming task: compared once the stream applied what the source committed
        TableDigests.RangeDigest s = from.digests().digest(from.schema(), columns, null);
        TableDigests.RangeDigest t = to.digests().digest(to.schema(), columns, null);
        boolean equal = s.equals(t);
        return new TableReport(table.toString(), target.toString(), equal ? Verdict.EQUAL : Verdict.DIFFERENT,
                equal ? null : "the table has no integer primary key, so the differing rows cannot be located;"
                        + " a full load repairs it", s.rows(), t.rows(), null, List.of(), s.rows() + t.rows(), 0, null,
                millisSince(started));
    }

    private TableReport byKeyRanges(TableRef table, TableRef target, TableEnd from, TableEnd to, List<String> columns,
                                    long started) {
        boolean caughtUp = fence.await(control); // a streaming task's target first gets what the source committed
        KeyRangeComparison comparison = new KeyRangeComparison(from, to, columns, options.sampleLimit(), control);
        for (Chunk chunk : source.plan(from.schema(), config.chunkRows())) {
            if (!(chunk.bounds() instanceof ChunkBounds.KeyRange range) || !compareInBudget(comparison, range)) {
                return TableReport.failed(table.toString(), target.toString(), "validation was stopped", millisSince(started));
            }
        }
        KeyRangeComparison found = comparison;
        String reason = null;
        if (fence != StreamFence.NONE) {
            Settled settled = settle(comparison, from, target, columns);
            found = settled.comparison();
            caughtUp &= settled.caughtUp();
            reason = caughtUp ? null : fence.unconfirmed() + ": changes still in flight may show as differences";
        }
        Verdict verdict = found.differingKeys() == 0 ? Verdict.EQUAL : Verdict.DIFFERENT;
        TableReport report = new TableReport(table.toString(), target.toString(), verdict, reason, comparison.sourceRows(),
                comparison.targetRows(), found.differingKeys(), found.samples(),
                comparison.rowsScanned() + (found == comparison ? 0 : found.rowsScanned()),
                comparison.rowsFetched() + (found == comparison ? 0 : found.rowsFetched()), null, millisSince(started));
        if (verdict == Verdict.DIFFERENT && options.repair()) {
            return repair(report, from, target, found.differingRanges(), columns, started);
        }
        return report;
    }

    private record Settled(KeyRangeComparison comparison, boolean caughtUp) {
    }

    /**
     * Streaming tasks: compares the differing ranges again, each time after the stream has applied everything the
     * source had committed; rows whose changes were in flight drop out, what still differs after
     * {@link #SETTLE_ROUNDS} rounds is drift. Only the differing ranges are read again.
     */
    private Settled settle(KeyRangeComparison found, TableEnd from, TableRef target, List<String> columns) {
        KeyRangeComparison last = found;
        boolean caughtUp = true;
        for (int round = 0; round < SETTLE_ROUNDS && last.differingKeys() > 0; round++) {
            caughtUp &= fence.await(control);
            last = compareRanges(from, target, last.differingRanges(), columns);
        }
        return new Settled(last, caughtUp);
    }

    private KeyRangeComparison compareRanges(TableEnd from, TableRef target, List<long[]> ranges, List<String> columns) {
        TableEnd to = new TableEnd(targetReader, targetReader.digests().orElseThrow(), targetReader.describe(target));
        KeyRangeComparison again = new KeyRangeComparison(from, to, columns, options.sampleLimit(), control);
        for (long[] r : ranges) {
            again.compareTop(new ChunkBounds.KeyRange(from.schema().primaryKey().get(0), r[0], r[1]));
        }
        return again;
    }

    /** Compares one of the load's chunks holding a slot of the process's budget, as a load's chunk does. */
    private boolean compareInBudget(KeyRangeComparison comparison, ChunkBounds.KeyRange range) {
        return Budgeted.run(control, () -> comparison.compareTop(range));
    }

    /** Re-copies the differing key ranges, then compares those ranges again. */
    private TableReport repair(TableReport found, TableEnd from, TableRef target, List<long[]> ranges, List<String> columns,
                               long started) {
        for (long[] r : ranges) {
            if (KeyRangeCopy.copy(source, destination, from.schema(), target, r[0], r[1], config.batchSize(), control) < 0) {
                return found.withRepair(0);
            }
        }
        fence.await(control); // a streaming task: the stream's changes to the re-copied ranges land first
        KeyRangeComparison again = compareRanges(from, target, ranges, columns);
        if (fence != StreamFence.NONE) {
            again = settle(again, from, target, columns).comparison();
        }
        TableEnd to = new TableEnd(targetReader, targetReader.digests().orElseThrow(), targetReader.describe(target));
        Verdict verdict = again.differingKeys() == 0 ? Verdict.EQUAL : Verdict.DIFFERENT;
        String reason = "repaired " + found.differingKeys() + " differing keys; the repaired ranges compare "
                + verdict.wireName() + " now";
        // the report keeps what was found (the rows as they were); the verdict and counts are those after the repair
        long targetRows = to.digests().digest(to.schema(), List.of(), null).rows();
        return new TableReport(found.table(), found.target(), verdict, reason, found.sourceRows(), targetRows,
                found.differingKeys(), verdict == Verdict.EQUAL ? found.differences() : again.samples(),
                found.rowsScanned() + again.rowsScanned(), found.rowsFetched() + again.rowsFetched(),
                found.differingKeys(), millisSince(started));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
