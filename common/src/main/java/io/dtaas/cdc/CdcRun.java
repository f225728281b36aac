package io.dtaas.cdc;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.TargetTables;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.Retrier;
import io.dtaas.engine.RetryPolicy;
import io.dtaas.engine.RunControl;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TransferConfig;
import io.dtaas.transform.Pipeline;
import io.dtaas.transform.TransformContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A {@code cdc} execution: follows the task's tables from the current source position (the first run) or from
 * the committed offset (every later run), applying changes by primary key, until it is stopped or paused. The
 * replication slot and publication (PostgreSQL) are named after the task and survive pauses, so a resumed run
 * continues exactly where the last committed batch ended.
 */
public final class CdcRun {

    private final Source source;
    private final Destination destination;
    private final String sourceType;
    private final ChangeCapture capture;
    private final ConfigValues sourceConfig;
    private final TransferConfig config;
    private final FullLoad.TaskContext task;
    private final StreamState state;
    private final RunControl control;
    private final ProgressTracker progress;
    private static final long GAP_INTERVAL_NANOS = 5_000_000_000L;
    private final StreamMetrics metrics = new StreamMetrics(java.time.Clock.systemUTC());
    private volatile java.time.Instant newestSourceTime;

    /** @param state where the stream's offsets and schema history live (files standalone, Redis on workers) */
    public CdcRun(Source source, Destination destination, Connector sourceConnector, ConfigValues sourceConfig,
                  TransferConfig config, FullLoad.TaskContext task, StreamState state, RunControl control,
                  ProgressTracker progress) {
        this.source = source;
        this.destination = destination;
        this.sourceType = sourceConnector.type().id();
        this.capture = SourceCapture.of(sourceConnector);
        this.sourceConfig = sourceConfig;
        this.config = config;
        this.task = task;
        this.state = state;
        this.control = control;
        this.progress = progress;
    }

    // full_load_then_cdc's first start on MariaDB needs snapshot.mode=recovery (see FullLoadThenCdc)
    private Map<String, String> debeziumOverrides = Map.of();

    /** The same run with some Debezium settings replaced. */
    CdcRun overriding(Map<String, String> settings) {
        this.debeziumOverrides = Map.copyOf(settings);
        return this;
    }

    /** The slot, publication and engine name of a task's stream. */
    public static String streamId(long taskId) {
        return "dtaas_task_" + taskId;
    }

    public ExecutionStatus run() {
        try {
            List<TableRef> tables = FullLoad.plan(source, config);
            Map<TableRef, TableSchema> schemas = new LinkedHashMap<>();
            Map<TableRef, Pipeline> pipelines = new LinkedHashMap<>();
            for (TableRef t : tables) {
                TableSchema schema = source.describe(t);
                schemas.put(t, schema);
                pipelines.put(t, config.transformationsFor(t).bind(schema, TransformContext.run(task.variables())));
            }
            Function<TableRef, TableRef> targetOf = TargetTables.of(config.targetSchema(), source, destination);
            // database targets apply by key, file targets get change files; a source schema change re-binds the
            // table's transformations to the new columns
            ChangeSink applier = ChangeSinks.of(destination, schemas, pipelines, s -> config.transformationsFor(s.table())
                    .bind(s, TransformContext.run(task.variables())), targetOf, config.trackDeletes());
            applier.prepare();
            progress.tablesSelected(tables.stream().map(TableRef::toString).toList());
            tables.forEach(t -> progress.tableStreaming(t.toString()));
            Files.createDirectories(state.localDir());
            // pre-flight (issue 5 ops): a misconfigured source or a lost position fails with the fix, not a trace
            capture.preflight(sourceConfig, streamId(task.taskId()), tables).requireOk("the " + sourceType + " source");
            java.util.Optional<String> lost = state.hasOffsets()
                    ? capture.storedPositionLost(sourceConfig, task.taskId(), streamId(task.taskId()))
                    : java.util.Optional.empty();
            if (lost.isPresent()) {
                return finish(ExecutionStatus.FAILED, "task " + task.taskName() + ": " + lost.get());
            }
            CapturePlan plan = new CapturePlan(streamId(task.taskId()), tables, state.offsetsFile(),
                    state.historyFile(), config.batchSize(), pollMillis());
            progress.cdcMetrics(metrics::snapshot);
            ChangeStream.Listener listener = new ChangeStream.Listener() {
                @Override
                public void applied(List<ChangeEvent> changes) {
                    CdcRun.this.applied(changes);
                }

                @Override
                public void sourceTime(java.time.Instant newest) {
                    newestSourceTime = newest; // called just before applied(), on the engine thread
                }

                @Override
                public void alive() {
                    metrics.alive();
                }
            };
            java.util.Properties debezium = DebeziumProperties.of(capture, sourceConfig, plan);
            state.configure(debezium, plan.streamId());
            debezium.putAll(debeziumOverrides);
            // a destination restarting is ridden through: the batch is retried, its offsets wait until it is applied
            Retrier retrier = new Retrier(RetryPolicy.of(config), control, progress);
            try (ChangeStream stream = new ChangeStream(debezium, schemas, applier, listener, retrier)) {
                stream.start();
                long nextGapRead = System.nanoTime();
                while (!control.stopRequested() && !control.pauseRequested()) {
                    if (System.nanoTime() - nextGapRead >= 0) { // the slot's gap, every few seconds
                        metrics.positionGap(capture.retainedBytes(sourceConfig, streamId(task.taskId())));
                        nextGapRead = System.nanoTime() + GAP_INTERVAL_NANOS;
                    }
                    if (stream.outcome().isDone() && !control.stopRequested() && !control.pauseRequested()) {
                        Throwable error = stream.outcome().get();
                        return finish(ExecutionStatus.FAILED, "task " + task.taskName() + ": "
                                + capture.lostPosition(error, task.taskId(), streamId(task.taskId()))
                                        .orElseGet(() -> "change capture stopped: " + describe(error)));
                    }
                    progress.publishIfDue();
                    Thread.sleep(200);
                }
            }
            return finish(control.stopRequested() ? ExecutionStatus.STOPPED : ExecutionStatus.PAUSED, null);
        } catch (DtaasException e) {
            return finish(ExecutionStatus.FAILED, "task " + task.taskName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(ExecutionStatus.PAUSED, null);
        } catch (ExecutionException | java.io.IOException e) {
            return finish(ExecutionStatus.FAILED, "task " + task.taskName() + ": " + e.getMessage());
        }
    }

    private long pollMillis() {
        Integer seconds = config.cdcPollInterval() != null ? config.cdcPollInterval() : config.pollInterval();
        // a short engine poll keeps latency low; the task's poll interval bounds how long a batch may wait
        return seconds == null ? 100 : Math.min(seconds * 1000L, 1000L);
    }

    private void applied(List<ChangeEvent> changes) {
        metrics.applied(changes.size(), newestSourceTime);
        metrics.counted(changes);
        Map<TableRef, Long> perTable = new HashMap<>();
        changes.forEach(c -> perTable.merge(c.table(), 1L, Long::sum));
        perTable.forEach((t, n) -> progress.rowsWritten(t.toString(), n));
        progress.publishIfDue();
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "the engine ended";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + root.getMessage() + ")";
    }

    private ExecutionStatus finish(ExecutionStatus status, String error) {
        progress.publishFinal(status, error);
        return status;
    }
}
