package io.dtaas.validate;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.TableDigests;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.KeyRangeCopy;
import io.dtaas.engine.ResourceBudget;
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

    TableValidation(Source source, Source targetReader, Destination destination, TransferConfig config,
                    ValidationRun.Options options, RunControl control) {
        this.source = source;
        this.targetReader = targetReader;
        this.destination = destination;
        this.config = config;
        this.options = options;
        this.control = control;
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
            return TableReport.failed(table.toString(), target.toString(), "this destination cannot be read back yet:"
                    + " file targets are not validated in this version", millisSince(started));
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
        if (!schema.hasPrimaryKey() || !INTEGER_KEYS.contains(schema.columns().get(schema.indexOf(schema.primaryKey().get(0)))
                .type().kind())) {
            return wholeTable(table, target, from, to, columns, started);
        }
        return byKeyRanges(table, target, from, to, columns, started);
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
        KeyRangeComparison comparison = new KeyRangeComparison(from, to, columns, options.sampleLimit(), control);
        for (Chunk chunk : source.plan(from.schema(), config.chunkRows())) {
            if (!(chunk.bounds() instanceof ChunkBounds.KeyRange range) || !compareInBudget(comparison, range)) {
                return TableReport.failed(table.toString(), target.toString(), "validation was stopped", millisSince(started));
            }
        }
        Verdict verdict = comparison.differingKeys() == 0 ? Verdict.EQUAL : Verdict.DIFFERENT;
        TableReport report = new TableReport(table.toString(), target.toString(), verdict, null, comparison.sourceRows(),
                comparison.targetRows(), comparison.differingKeys(), comparison.samples(), comparison.rowsScanned(),
                comparison.rowsFetched(), null, millisSince(started));
        if (verdict == Verdict.DIFFERENT && options.repair()) {
            return repair(report, from, target, comparison.differingRanges(), columns, started);
        }
        return report;
    }

    /** Compares one of the load's chunks holding a slot of the process's budget, as a load's chunk does. */
    private boolean compareInBudget(KeyRangeComparison comparison, ChunkBounds.KeyRange range) {
        ResourceBudget.Slot slot;
        try {
            slot = ResourceBudget.process().acquire(control);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (slot == null) {
            return false; // asked to stop while waiting
        }
        try (slot) {
            return comparison.compareTop(range);
        }
    }

    /** Re-copies the differing key ranges, then compares those ranges again. */
    private TableReport repair(TableReport found, TableEnd from, TableRef target, List<long[]> ranges, List<String> columns,
                               long started) {
        for (long[] r : ranges) {
            if (KeyRangeCopy.copy(source, destination, from.schema(), target, r[0], r[1], config.batchSize(), control) < 0) {
                return found.withRepair(0);
            }
        }
        TableEnd to = new TableEnd(targetReader, targetReader.digests().orElseThrow(), targetReader.describe(target));
        KeyRangeComparison again = new KeyRangeComparison(from, to, columns, options.sampleLimit(), control);
        for (long[] r : ranges) {
            again.compareTop(new ChunkBounds.KeyRange(from.schema().primaryKey().get(0), r[0], r[1]));
        }
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
