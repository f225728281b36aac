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
import io.dtaas.engine.TableCommand;
import io.dtaas.error.ConfigError;
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
    private TransferConfig config;
    private final FullLoad.TaskContext task;
    private final StreamState state;
    private final RunControl control;
    private final ProgressTracker progress;
    private static final long GAP_INTERVAL_NANOS = 5_000_000_000L;
    private final StreamMetrics metrics = new StreamMetrics(java.time.Clock.systemUTC());
    private volatile java.time.Instant newestSourceTime;
    private final Map<TableRef, TableSchema> schemas = new LinkedHashMap<>();
    private final Map<TableRef, Pipeline> pipelines = new LinkedHashMap<>();
    private ChangeSink applier;
    private TablePhases phases;
    private Retrier retrier;
    private ChangeStream stream;
    /** The tables the running engine follows (the signal table aside). */
    private List<TableRef> following = List.of();

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
            for (TableRef t : tables) {
                describeAndBind(t, config);
            }
            Function<TableRef, TableRef> targetOf = TargetTables.of(config.targetSchema(), source, destination);
            // database targets apply by key, file targets get change files; a source schema change re-binds the
            // table's transformations to the new columns
            applier = ChangeSinks.of(destination, schemas, pipelines, s -> config.transformationsFor(s.table())
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
            phases = TablePhases.load(state);
            reconcile(tables);
            progress.cdcMetrics(metrics::snapshot);
            // a destination restarting is ridden through: the batch is retried, its offsets wait until it is applied
            retrier = new Retrier(RetryPolicy.of(config), control, progress);
            stream = open(tables);
            try {
                signalPendingCopies();
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
                    for (TableCommand command : control.takeTableCommands()) {
                        take(command);
                    }
                    showPhases();
                    progress.publishIfDue();
                    Thread.sleep(200);
                }
            } finally {
                stream.close();
            }
            showPhases();
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

    private void describeAndBind(TableRef t, TransferConfig with) {
        TableSchema schema = source.describe(t);
        schemas.put(t, schema);
        pipelines.put(t, with.transformationsFor(t).bind(schema, TransformContext.run(task.variables())));
    }

    /**
     * The stream's recorded tables against the task's: a stream that never recorded any (its first run, or one
     * from before per-table phases) streams every table as it always did; a table the task gained since is
     * copied online once the stream runs; a table it lost is forgotten.
     */
    private void reconcile(List<TableRef> tables) {
        boolean fresh = phases.isEmpty();
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>();
        tables.forEach(t -> wanted.add(t.toString()));
        for (String known : phases.all().keySet()) {
            if (!wanted.contains(known)) {
                phases.remove(known);
            }
        }
        for (String t : wanted) {
            if (phases.get(t).isEmpty()) {
                phases.put(t, TablePhases.TableState.of(fresh || !capture.copiesTablesOnline()
                        ? TablePhases.Phase.STREAMING : TablePhases.Phase.BACKFILLING));
            }
        }
        if (capture.copiesTablesOnline() && phases.signalTable() == null && !tables.isEmpty()) {
            // one signal table per stream, where its first table lives, kept there when the tables change
            phases.signalTable(new TableRef(tables.getFirst().schema(), streamId(task.taskId()) + "_signal").toString());
        }
        phases.save();
    }

    private TableRef signalTable() {
        String name = phases.signalTable();
        int dot = name.indexOf('.');
        return new TableRef(name.substring(0, dot), name.substring(dot + 1));
    }

    /** Starts the engine on these tables (and the signal table), from the committed offsets. */
    private ChangeStream open(List<TableRef> tables) {
        List<TableRef> followed = new java.util.ArrayList<>(tables);
        java.util.Properties debezium;
        if (capture.copiesTablesOnline() && phases.signalTable() != null) {
            capture.prepareSignalTable(sourceConfig, signalTable());
            followed.add(signalTable());
            capture.follow(sourceConfig, streamId(task.taskId()), followed);
        }
        CapturePlan plan = new CapturePlan(streamId(task.taskId()), followed, state.offsetsFile(),
                state.historyFile(), config.batchSize(), pollMillis());
        debezium = DebeziumProperties.of(capture, sourceConfig, plan);
        if (capture.copiesTablesOnline() && phases.signalTable() != null) {
            DebeziumProperties.signals(debezium, signalTable(), Math.max(config.batchSize(), 1024));
        }
        state.configure(debezium, plan.streamId());
        // a handoff's first start builds the schema history (MariaDB: recovery); an engine restarted for new tables
        // moments later may find it not yet written, so it builds it again the same way
        debezium.putAll(debeziumOverrides);
        following = List.copyOf(tables);
        Map<TableRef, TableSchema> followedSchemas = new LinkedHashMap<>();
        tables.forEach(t -> followedSchemas.put(t, schemas.get(t)));
        ChangeStream started = new ChangeStream(debezium, followedSchemas, applier, listener(), retrier)
                .withLifecycle(new TableLifecycle(phases, applier, retrier, schemas::get));
        started.start();
        return started;
    }

    /** Copies requested but not yet signalled (a table added, a resync, a stream restarted before signalling). */
    private void signalPendingCopies() {
        java.util.List<String> pending = new java.util.ArrayList<>();
        phases.all().forEach((t, s) -> {
            if (s.phase().copying() && !s.signalled()) {
                pending.add(t);
            }
        });
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> estimates = new HashMap<>();
        for (String t : pending) {
            // rows deleted while it was out of sync (or left from an earlier load) must not linger: the copy refills it
            applier.resetTable(tableNamed(t));
            // what the copy's percentage is measured against, read once as it starts
            source.rowEstimate(tableNamed(t)).ifPresent(n -> estimates.put(t, n));
        }
        String data = "{\"data-collections\": [" + pending.stream().map(t -> "\"" + t.replace("\"", "") + "\"")
                .collect(java.util.stream.Collectors.joining(", ")) + "], \"type\": \"incremental\"}";
        capture.signal(sourceConfig, signalTable(), java.util.UUID.randomUUID().toString(), "execute-snapshot", data);
        for (String t : pending) {
            phases.get(t).ifPresent(s -> phases.put(t, new TablePhases.TableState(s.phase(), true, s.seen(), null,
                    null, s.copied(), estimates.get(t), null)));
        }
    }

    private TableRef tableNamed(String name) {
        return following.stream().filter(t -> t.toString().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigError("tables", "'" + name + "' is not one of the stream's tables"));
    }

    /** The stream's tables a request names ({@code table} or {@code schema.table}, any case). */
    private List<String> named(List<String> names) {
        List<String> found = new java.util.ArrayList<>();
        for (String n : names) {
            following.stream().map(TableRef::toString)
                    .filter(t -> t.equalsIgnoreCase(n) || t.toLowerCase().endsWith("." + n.toLowerCase()))
                    .findFirst().ifPresent(found::add);
        }
        return found;
    }

    /** One per-table request, between batches; the other tables keep streaming. */
    private void take(TableCommand command) {
        if (!capture.copiesTablesOnline() || phases.signalTable() == null) {
            return;
        }
        switch (command) {
            case TableCommand.Reconfigure r -> reconfigure(r.config());
            case TableCommand.Resync r -> copyAgain(named(r.tables()), false);
            case TableCommand.Resume r -> copyAgain(named(r.tables()), true);
            case TableCommand.Pause p -> named(p.tables()).forEach(t -> phases.put(t,
                    TablePhases.TableState.stopped(TablePhases.Phase.PAUSED, null, null, System.currentTimeMillis())));
        }
    }

    /** Resync (or resume: only tables paused or failed): the target is emptied and the table copied again online. */
    private void copyAgain(List<String> tables, boolean onlyStopped) {
        for (String t : tables) {
            TablePhases.Phase phase = phases.phase(t);
            if (onlyStopped && phase != TablePhases.Phase.PAUSED && phase != TablePhases.Phase.FAILED) {
                continue;
            }
            phases.put(t, TablePhases.TableState.of(TablePhases.Phase.RESYNCING));
        }
        signalPendingCopies();
    }

    /** The task's tables changed: new ones are prepared and copied online, removed ones dropped; the engine restarts. */
    private void reconfigure(TransferConfig next) {
        List<TableRef> wanted = FullLoad.plan(source, next);
        java.util.Set<TableRef> before = new java.util.LinkedHashSet<>(following);
        if (before.equals(new java.util.LinkedHashSet<>(wanted))) {
            return;
        }
        for (TableRef t : wanted) {
            if (!before.contains(t)) {
                describeAndBind(t, next);
                applier.addTable(schemas.get(t), pipelines.get(t));
                phases.put(t.toString(), TablePhases.TableState.of(TablePhases.Phase.BACKFILLING));
                progress.tablesSelected(List.of(t.toString()));
            }
        }
        for (TableRef t : before) {
            if (!wanted.contains(t)) {
                phases.remove(t.toString());
                progress.tableFinished(t.toString(), "removed", null);
            }
        }
        config = next;
        // the engine follows a fixed table list: it restarts from its committed offsets on the new one
        stream.close();
        stream = open(wanted);
        signalPendingCopies();
    }

    /** Each table's phase on the execution's progress (failed with its reason and key), copy percentage and lag. */
    private void showPhases() {
        if (phases == null) {
            return;
        }
        Double streamLag = metrics.snapshot().lagSeconds();
        long now = System.currentTimeMillis();
        phases.all().forEach((t, s) -> progress.tablePhase(t, s.phase().wireName(), s.phase() == TablePhases.Phase.FAILED
                ? s.error() + (s.key() != null ? " (key " + s.key() + ")" : "") : null,
                new ProgressTracker.StreamFigures(s.phase().copying() ? s.copied() : null,
                        s.phase().copying() ? s.estimate() : null, s.copyPercent(), s.lagSeconds(streamLag, now))));
    }

    private ChangeStream.Listener listener() {
        return new ChangeStream.Listener() {
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
