package io.dtaas.engine;

import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TransferConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A full load: every selected table, {@code max_parallel_tables} at a time (one when {@code parallel} is
 * false), each split into chunks moved {@code max_parallel_chunks} at a time. A table that fails does not
 * stop the others; committed chunks are checkpointed, so a resumed run redoes only what is missing.
 */
public final class FullLoad {

    private final Source source;
    private final Destination destination;
    private final TransferConfig config;
    private final TaskContext task;
    private final CheckpointStore checkpoints;
    private final RunControl control;
    private final ProgressTracker progress;

    /**
     * Who the load runs for: names in messages, key of checkpoints; and the global variables resolved for
     * this execution, by name, for {@code {{name}}} in transformations.
     */
    public record TaskContext(long taskId, String taskName, Map<String, Object> variables) {

        public TaskContext {
            variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables)); // values may be null
        }

        public TaskContext(long taskId, String taskName) {
            this(taskId, taskName, Map.of());
        }
    }

    public FullLoad(Source source, Destination destination, TransferConfig config, TaskContext task,
                    CheckpointStore checkpoints, RunControl control, ProgressTracker progress) {
        this.source = source;
        this.destination = destination;
        this.config = config;
        this.task = task;
        this.checkpoints = checkpoints;
        this.control = control;
        this.progress = progress;
    }

    /** Runs to the end and publishes the final progress; returns COMPLETED, FAILED, STOPPED or PAUSED. */
    public ExecutionStatus run() {
        List<TableRef> tables;
        try {
            tables = plan(source, config);
        } catch (DtaasException e) {
            return finish(ExecutionStatus.FAILED, "task " + task.taskName() + ": " + e.getMessage());
        }
        return runTables(tables);
    }

    /** The tables the task's patterns and exclusions select in the source, in load order. */
    public static List<TableRef> plan(Source source, TransferConfig config) {
        return TableSelector.resolve(source, config.tables(), config.excludeTables());
    }

    /**
     * Loads the given tables (already selected, e.g. one table a distributed worker claimed) and publishes
     * the final progress; returns COMPLETED, FAILED, STOPPED or PAUSED.
     */
    public ExecutionStatus runTables(List<TableRef> tables) {
        progress.tablesSelected(tables.stream().map(TableRef::toString).toList());
        TargetTables targets;
        try {
            targets = TargetTables.of(config.targetSchema(), source, destination);
        } catch (DtaasException e) {
            return finish(ExecutionStatus.FAILED, "task " + task.taskName() + ": " + e.getMessage());
        }
        int threads = config.parallel() ? Math.min(config.maxParallelTables(), tables.size()) : 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("dtaas-table-", 0).factory());
        List<String> errors = new ArrayList<>();
        boolean interrupted = false;
        try {
            List<Future<TableLoad.Outcome>> outcomes = new ArrayList<>();
            for (TableRef table : tables) {
                outcomes.add(pool.submit(() -> new TableLoad(source, destination, config, task, checkpoints, control,
                        progress, table, targets).run()));
            }
            for (Future<TableLoad.Outcome> f : outcomes) {
                TableLoad.Outcome outcome = get(f);
                if (outcome.error() != null) {
                    errors.add(outcome.error());
                }
                interrupted |= outcome.interrupted();
            }
        } finally {
            pool.shutdownNow();
        }
        if (control.stopRequested()) {
            abandon(tables, targets, errors);
        }
        if (interrupted || control.stopRequested() || control.pauseRequested()) {
            return finish(control.stopRequested() ? ExecutionStatus.STOPPED : ExecutionStatus.PAUSED,
                    errors.isEmpty() ? null : String.join("; ", errors));
        }
        return errors.isEmpty() ? finish(ExecutionStatus.COMPLETED, null)
                : finish(ExecutionStatus.FAILED, String.join("; ", errors));
    }

    /** A stopped run is never resumed: what it staged for a resume is dropped (an overwrite's new tables). */
    private void abandon(List<TableRef> tables, TargetTables targets, List<String> errors) {
        for (TableRef table : tables) {
            try {
                destination.abandon(targets.apply(table), config.writeMode());
            } catch (DtaasException e) {
                errors.add("could not clean up after stopping " + table + ": " + e.getMessage());
            }
        }
    }

    private ExecutionStatus finish(ExecutionStatus status, String error) {
        progress.publishFinal(status, error);
        return status;
    }

    private static TableLoad.Outcome get(Future<TableLoad.Outcome> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof ConfigError || cause instanceof DtaasException ? cause.getMessage()
                    : "unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new TableLoad.Outcome(false, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TableLoad.Outcome(true, null);
        }
    }
}
