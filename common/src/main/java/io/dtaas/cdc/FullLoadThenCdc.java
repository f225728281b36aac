package io.dtaas.cdc;

import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.SnapshotHandoff;
import io.dtaas.connect.Source;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.TableRef;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.InMemoryCheckpointStore;
import io.dtaas.engine.ProgressSink;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.RunControl;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TransferConfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@code full_load_then_cdc} execution: fixes where the change stream will start, runs the parallel chunked
 * full load so that it sees at least everything before that start, then streams from it, with no change lost
 * and none left doubled (docs/cdc.md, "full_load_then_cdc: how the handoff stays exact").
 * <ul>
 *   <li>PostgreSQL: a fresh slot exports a snapshot; every chunk reader joins it, so the load is exactly the
 *       data before the slot's first change.</li>
 *   <li>MariaDB: a binlog position read in a consistent snapshot; the load reads later data, and streaming
 *       from that position re-applies every change after it by primary key.</li>
 * </ul>
 * Once the load completed, a marker in the stream's state says so (a file standalone, a Redis key on workers,
 * so another worker that takes the execution over sees it): a resumed execution only streams. A load that
 * did not complete is redone from scratch (new slot or position, target replaced) on the next run.
 */
public final class FullLoadThenCdc {

    private final Source source;
    private final Destination destination;
    private final String sourceType;
    private final Connector sourceConnector;
    private final ChangeCapture capture;
    private final ConfigValues sourceConfig;
    private final TransferConfig config;
    private final FullLoad.TaskContext task;
    private final StreamState state;
    private final RunControl control;
    private final long executionId;
    private final ProgressSink sink;
    private final ProgressTracker progress;

    /**
     * @param progress the execution's tracker, for the streaming phase and the final event; the load phase
     *                 publishes through {@code sink} as RUNNING
     */
    public FullLoadThenCdc(Source source, Destination destination, Connector sourceConnector, ConfigValues sourceConfig,
                           TransferConfig config, FullLoad.TaskContext task, StreamState state, RunControl control,
                           long executionId, ProgressSink sink, ProgressTracker progress) {
        this.source = source;
        this.destination = destination;
        this.sourceConnector = sourceConnector;
        this.sourceType = sourceConnector.type().id();
        this.capture = SourceCapture.of(sourceConnector);
        this.sourceConfig = sourceConfig;
        this.config = config;
        this.task = task;
        this.state = state;
        this.control = control;
        this.executionId = executionId;
        this.sink = sink;
        this.progress = progress;
    }

    public ExecutionStatus run() {
        try {
            if (!state.handoffDone()) {
                ExecutionStatus loaded = load();
                if (loaded != ExecutionStatus.COMPLETED) {
                    return loaded;
                }
                state.markHandoffDone();
            }
            return stream();
        } catch (DtaasException e) {
            progress.publishFinal(ExecutionStatus.FAILED, "task " + task.taskName() + ": " + e.getMessage());
            return ExecutionStatus.FAILED;
        }
    }

    /** Fixes the stream's start, then loads; returns COMPLETED once the stream can take over. */
    private ExecutionStatus load() {
        String streamId = CdcRun.streamId(task.taskId());
        List<TableRef> tables = FullLoad.plan(source, config);
        for (TableRef t : tables) {
            if (!source.describe(t).hasPrimaryKey()) {
                throw new ConfigError("config.tables", "table " + t + " has no primary key; change data capture "
                        + "applies changes by primary key");
            }
        }
        // an earlier, unfinished attempt's position is worthless: its load is redone below
        state.clear();
        // a fresh load replaces the target (no stale rows) and never resumes an earlier attempt's chunks
        TransferConfig replace = config.withWriteMode(WriteMode.OVERWRITE);
        try (SnapshotHandoff handoff = capture.beginHandoff(sourceConfig, streamId, tables, source)) {
            ExecutionStatus status = runLoad(replace, tables);
            if (status == ExecutionStatus.COMPLETED) {
                handoff.loaded().ifPresent(start -> state.seed(streamId, start));
            }
            return status;
        }
    }

    /** The full load, publishing RUNNING progress; a final event that is not COMPLETED is passed on as is. */
    private ExecutionStatus runLoad(TransferConfig replace, List<TableRef> tables) {
        AtomicReference<ProgressEvent> last = new AtomicReference<>();
        ProgressSink loadSink = event -> {
            if (event.status() == ExecutionStatus.RUNNING) {
                sink.publish(event);
            } else {
                last.set(event);
            }
        };
        ProgressTracker loadProgress = new ProgressTracker(executionId, task.taskId(), loadSink, Duration.ofMillis(250));
        ExecutionStatus status = new FullLoad(source, destination, replace, task, new InMemoryCheckpointStore(),
                control, loadProgress).runTables(tables);
        if (status != ExecutionStatus.COMPLETED && last.get() != null) {
            sink.publish(last.get());
        }
        return status;
    }

    private ExecutionStatus stream() {
        CdcRun run = new CdcRun(source, destination, sourceConnector, sourceConfig, config, task, state, control, progress);
        if (!state.hasHistory()) {
            // offsets seeded by the handoff but no schema history yet (sources that keep one build it first)
            run.overriding(capture.settingsAfterHandoff());
        }
        return run.run();
    }
}
