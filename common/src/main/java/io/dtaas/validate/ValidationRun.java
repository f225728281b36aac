package io.dtaas.validate;

import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.RunControl;
import io.dtaas.engine.TargetTables;
import io.dtaas.error.ConfigError;
import io.dtaas.job.TransferConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a task's tables one after another, on the calling thread: each source table is compared with the table
 * a load writes it to (docs/validation.md). Reports each table to the listener as soon as it is done.
 */
public final class ValidationRun {

    /**
     * @param tables      tables to validate (as the task names them, {@code table} or {@code schema.table}); empty: all
     *                    the task selects
     * @param repair      re-copy the differing key ranges and compare them again
     * @param sampleLimit how many differing keys a table's report shows with their values
     */
    public record Options(List<String> tables, boolean repair, int sampleLimit) {

        public Options {
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }

    /** Told about each table as it starts and ends; called on the run's thread. */
    public interface Listener {
        void tableStarted(String table);

        void tableDone(TableReport report);
    }

    private final Source source;
    private final Source targetReader;
    private final Destination destination;
    private final TransferConfig config;
    private StreamFence fence = StreamFence.NONE;

    /**
     * @param targetReader the destination connector opened as a source, to describe, checksum and read the target;
     *                     null when the destination cannot be read back (each table is then not comparable)
     * @param destination  the destination itself, for repairs
     */
    public ValidationRun(Source source, Source targetReader, Destination destination, TransferConfig config) {
        this.source = source;
        this.targetReader = targetReader;
        this.destination = destination;
        this.config = config;
    }

    /**
     * For a streaming task: compare at a consistent point. Differing ranges are compared again after the stream has
     * applied what the source had committed (docs/validation.md, "Streaming tasks").
     */
    public ValidationRun streaming(StreamFence streamFence) {
        this.fence = streamFence;
        return this;
    }

    /** The tables a run with these options covers, in the task's order; a named table the task does not select is a 422. */
    public List<TableRef> tables(Options options) {
        List<TableRef> selected = FullLoad.plan(source, config);
        if (options.tables().isEmpty()) {
            return selected;
        }
        List<TableRef> chosen = new ArrayList<>();
        for (String name : options.tables()) {
            TableRef wanted = TableRef.parse(name).withSchema(source.defaultSchema());
            if (!selected.contains(wanted)) {
                throw new ConfigError("tables", "the task does not load " + name + "; it loads " + selected);
            }
            chosen.add(wanted);
        }
        return chosen;
    }

    /** Compares every table; returns the reports in order (fewer when stopped). */
    public List<TableReport> run(List<TableRef> tables, Options options, RunControl control, Listener listener) {
        TargetTables targets = TargetTables.of(config.targetSchema(), source, destination);
        TableValidation validation = new TableValidation(source, targetReader, destination, config, options, control, fence);
        List<TableReport> reports = new ArrayList<>();
        for (TableRef table : tables) {
            if (control.stopRequested() || control.pauseRequested()) {
                break;
            }
            listener.tableStarted(table.toString());
            TableReport report = validation.run(table, targets.apply(table));
            reports.add(report);
            listener.tableDone(report);
        }
        return reports;
    }
}
