package io.dtaas.runtime;

import io.dtaas.cdc.CdcRun;
import io.dtaas.cdc.FullLoadThenCdc;
import io.dtaas.cdc.StreamState;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.engine.CheckpointStore;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.RunControl;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.TransferConfig;

import java.util.List;

/**
 * The one place an execution's kind picks its run, for both hosts: the control-plane's in-process engine
 * (standalone) and the transfer-workers (distributed). A host resolves the connectors, opens source and
 * destination, resolves nothing else (variables were resolved once, at dispatch, and travel in the task context
 * and config), picks where state lives (checkpoints; stream state as files or in Redis) and calls {@link #run}.
 */
public final class ExecutionRuntime {

    private ExecutionRuntime() {
    }

    /**
     * What to run.
     *
     * @param tables the tables of a full load to run here (a worker's table job), or null for all of the task's
     */
    public record Work(JobKind kind, long executionId, TransferConfig config, FullLoad.TaskContext task,
                       List<TableRef> tables) {
    }

    /** The opened ends, and the source's connector and settings (change capture is its capability). */
    public record Ends(Connector sourceConnector, ConfigValues sourceConfig, Source source, Destination destination) {
    }

    /** Where the execution's state lives on this host. */
    public record State(CheckpointStore checkpoints, StreamState stream) {
    }

    /** Runs the work to its end (completed, failed, paused or stopped); the final event goes through {@code tracker}. */
    public static ExecutionStatus run(Work work, Ends ends, State state, RunControl control, ProgressTracker tracker) {
        return switch (work.kind()) {
            case FULL_LOAD -> {
                FullLoad load = new FullLoad(ends.source(), ends.destination(), work.config(), work.task(),
                        state.checkpoints(), control, tracker);
                yield work.tables() == null ? load.run() : load.runTables(work.tables());
            }
            case CDC -> new CdcRun(ends.source(), ends.destination(), ends.sourceConnector(), ends.sourceConfig(),
                    work.config(), work.task(), state.stream(), control, tracker).run();
            case FULL_LOAD_THEN_CDC -> new FullLoadThenCdc(ends.source(), ends.destination(), ends.sourceConnector(),
                    ends.sourceConfig(), work.config(), work.task(), state.stream(), control, work.executionId(),
                    tracker.sink(), tracker).run();
        };
    }
}
