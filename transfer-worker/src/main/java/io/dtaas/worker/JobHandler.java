package io.dtaas.worker;

import io.dtaas.cdc.CdcRun;
import io.dtaas.cdc.RedisCdcStorage;
import io.dtaas.cdc.RedisStreamState;
import io.dtaas.cdc.StreamState;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.WorkerReport;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.ProgressSink;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.runtime.ExecutionRuntime;
import io.dtaas.metadata.ExecutionTable;
import io.dtaas.metadata.ExecutionRetries;
import io.dtaas.metadata.ExecutionTables;
import io.dtaas.metadata.FencedCheckpointStore;
import io.dtaas.metadata.JdbcConnectorStore;
import io.dtaas.metadata.TableLeases;
import io.quarkus.redis.datasource.stream.TransactionalStreamCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.UUID;

/**
 * Runs one job from {@link ClusterKeys#jobs()}. A plan job goes to the {@link ExecutionPlanner}. A table job
 * claims the table (raising its fencing epoch), loads it with checkpoints written under that epoch, stores how it
 * ended in the metadata database ({@code execution_tables}), reports it and only then acknowledges the entry.
 */
@ApplicationScoped
public class JobHandler {

    private static final Logger LOG = Logger.getLogger(JobHandler.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
    /** The lease key of a task's change stream, beside its tables' keys in table_leases. */
    static final String STREAM_LEASE = "*change stream*";

    private final WorkerInfo info;
    private final Streams streams;
    private final ReportPublisher reports;
    private final JdbcConnectorStore connectors;
    private final TableLeases leases;
    private final ExecutionTables executionTables;
    private final ExecutionPlanner planner;
    private final DataSource metadata;
    private final ExecutionRetries retries;
    private final Path cdcState;
    private final String redisUrl;

    public JobHandler(WorkerInfo info, Streams streams, ReportPublisher reports, JdbcConnectorStore connectors,
                      TableLeases leases, ExecutionTables executionTables, ExecutionPlanner planner,
                      DataSource metadata,
                      @ConfigProperty(name = "dtaas.cdc.state-dir") Path cdcState,
                      @ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl) {
        this.cdcState = cdcState;
        this.redisUrl = redisUrl.orElse("");
        this.info = info;
        this.streams = streams;
        this.reports = reports;
        this.connectors = connectors;
        this.leases = leases;
        this.executionTables = executionTables;
        this.planner = planner;
        this.metadata = metadata;
        this.retries = new ExecutionRetries(metadata);
    }

    void handle(JobRun run) {
        JobSpec job = run.message().job();
        ControlMessage.Action requested = requestedAction(job.executionId());
        if (requested != null) {
            endUnstarted(run, requested == ControlMessage.Action.STOP ? ExecutionStatus.STOPPED : ExecutionStatus.PAUSED);
        } else if (job.kind() != JobKind.FULL_LOAD) {
            stream(run);
        } else if (run.message().isPlan()) {
            planner.plan(run);
        } else {
            load(run);
        }
    }

    /** The stop or pause asked for the execution, if any; seen by jobs claimed after the request went out. */
    ControlMessage.Action requestedAction(long executionId) {
        String action = streams.redis().value(String.class).get(streams.keys().control(executionId));
        return action == null ? null : ControlMessage.Action.fromWire(action);
    }

    private void endUnstarted(JobRun run, ExecutionStatus status) {
        JobSpec job = run.message().job();
        if (run.message().isPlan()) {
            planner.endUnstarted(run, status);
            return;
        }
        executionTables.endUnclaimed(job.executionId(), run.table().toString(), status, null);
        reports.publish(WorkerReport.tableFinished(job.executionId(), job.taskId(), run.table(), 0, null, status,
                null, info.id()));
        acknowledge(run);
    }

    private void load(JobRun run) {
        JobSpec job = run.message().job();
        TableRef table = run.table();
        Optional<ExecutionTable> ended = executionTables.finalOf(job.executionId(), table.toString());
        if (ended.isPresent()) {
            // a table that already ended in this execution (its job ran twice: a duplicate, or a re-dispatch after
            // Redis lost the first report) is never loaded again; an overwrite would swap in an empty table
            ExecutionTable t = ended.get();
            ProgressEvent last = new ProgressEvent(job.executionId(), job.taskId(), t.outcome(), t.rows(), t.bytes(), 0,
                    List.of(t.progress()), t.error(), Instant.now());
            reports.publish(WorkerReport.tableFinished(job.executionId(), job.taskId(), table, t.epoch(), last,
                    t.outcome(), t.error(), info.id()));
            acknowledge(run);
            return;
        }
        runLeased(run, table.toString(), table, "task " + job.taskName() + ", table " + table,
                (epoch, tracker) -> {
                    try (Source source = connectors.resolve(job.sourceConnectorId()).openSource();
                         Destination destination = connectors.resolve(job.destinationConnectorId())
                                 .openDestination(job.destinationOverrides())) {
                        return ExecutionRuntime.run(work(job, List.of(table)),
                                new ExecutionRuntime.Ends(null, null, source, destination),
                                new ExecutionRuntime.State(new FencedCheckpointStore(metadata, epoch, job.executionId()),
                                        null), run, tracker);
                    }
                },
                (epoch, end) -> WorkerReport.tableFinished(job.executionId(), job.taskId(), table, epoch, end.last(),
                        end.status(), end.error(), info.id()));
    }

    /**
     * A {@code cdc} or {@code full_load_then_cdc} execution: one job follows all its tables. It holds the task's
     * stream lease (so a worker that stalls past the lease is fenced off like a table job), keeps the stream's
     * state in Redis (offsets, schema history, whether the load has handed over: the worker that reclaims it
     * resumes where this one committed, or redoes an unfinished load from scratch) and reports execution-wide
     * progress until it ends.
     */
    private void stream(JobRun run) {
        JobSpec job = reconfigured(run.message().job());
        reports.publish(WorkerReport.started(job.executionId(), job.taskId(), info.id()));
        runLeased(run, STREAM_LEASE, null, "task " + job.taskName(),
                (epoch, tracker) -> {
                    JdbcConnectorStore.Resolved src = connectors.resolve(job.sourceConnectorId());
                    try (Source source = src.openSource();
                         Destination destination = connectors.resolve(job.destinationConnectorId())
                                 .openDestination(job.destinationOverrides())) {
                        StreamState state = new RedisStreamState(RedisCdcStorage.of(redisUrl, streams.keys().prefix()),
                                CdcRun.streamId(job.taskId()), cdcState.resolve("task-" + job.taskId()));
                        return ExecutionRuntime.run(work(job, null),
                                new ExecutionRuntime.Ends(src.connector(), src.values(), source, destination),
                                new ExecutionRuntime.State(null, state), run, tracker);
                    }
                },
                (epoch, end) -> WorkerReport.finished(job.executionId(), job.taskId(), end.last(), end.status(),
                        end.error(), info.id()));
    }

    /**
     * The stream's job with the settings it was last reconfigured with while running (tables added or removed
     * by a PUT, issue 16), so a worker taking over a crashed worker's stream follows the same tables.
     */
    private JobSpec reconfigured(JobSpec job) {
        String newest = streams.redis().value(String.class).get(streams.keys().streamConfig(job.executionId()));
        if (newest == null) {
            return job;
        }
        io.dtaas.job.TransferConfig config = streams.decode(java.util.Map.of(ClusterKeys.FIELD, newest),
                io.dtaas.job.TransferConfig.class);
        return job.withInputs(config.withQueries(job.config().queries()), job.variables(), job.destinationOverrides());
    }

    /** The engine work of a leased job, given the epoch it holds and the tracker to report through. */
    @FunctionalInterface
    private interface LeasedWork {
        ExecutionStatus run(long epoch, ProgressTracker tracker);
    }

    /** How a leased job's work ended: its status, the error when it failed, its last progress. */
    private record Ended(ExecutionStatus status, String error, ProgressEvent last) {
    }

    /**
     * Claims the lease ({@code leaseKey}: a table, or the task's change stream), runs the work under its epoch,
     * then reports and acknowledges, unless another worker took the lease meanwhile (then nothing is reported
     * or acknowledged) or this worker shuts down (then the job goes back to the queue).
     *
     * @param where names the task (and table) in error messages
     */
    private void runLeased(JobRun run, String leaseKey, TableRef table, String where, LeasedWork work,
                           BiFunction<Long, Ended, WorkerReport> endReport) {
        JobSpec job = run.message().job();
        long epoch = leases.claim(job.taskId(), leaseKey, job.executionId(), info.id());
        run.claimed(leaseKey, epoch);
        if (table != null) {
            executionTables.claimed(job.executionId(), leaseKey, epoch);
        }
        TableReports sink = new TableReports(run, table, epoch);
        ProgressTracker tracker = new ProgressTracker(job.executionId(), job.taskId(), sink, PROGRESS_INTERVAL);
        ExecutionStatus status;
        String error = null;
        try {
            status = work.run(epoch, tracker);
        } catch (DtaasException e) {
            status = ExecutionStatus.FAILED;
            error = where + ": " + e.getMessage();
        } catch (RuntimeException e) {
            status = ExecutionStatus.FAILED;
            error = unexpected(job, e);
        }
        if (run.leaseLost() || !leases.holds(job.taskId(), leaseKey, epoch)) {
            LOG.warnf("%s of execution %d was reclaimed by another worker; this worker stops without reporting",
                    leaseKey, job.executionId());
            return;
        }
        if (run.handingOff() && !run.endRequested()) {
            handBack(run);
            return;
        }
        ProgressEvent last = sink.last();
        if (error == null && last != null) {
            error = last.error();
        }
        if (table != null) {
            // stored before it is reported or acknowledged: the record of the table no longer needs Redis
            executionTables.finish(job.executionId(), leaseKey, epoch, status, progressOf(last, leaseKey), error,
                    job.taskId());
        }
        reports.publish(endReport.apply(epoch, new Ended(status, error, last)));
        acknowledge(run);
    }

    private static TableProgress progressOf(ProgressEvent event, String table) {
        if (event == null || event.tables() == null) {
            return null;
        }
        return event.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElse(null);
    }

    /** The job as the runtime runs it; variables were resolved at dispatch and travel in the job. */
    private static ExecutionRuntime.Work work(JobSpec job, List<TableRef> tables) {
        return new ExecutionRuntime.Work(job.kind(), job.executionId(), job.config(),
                new FullLoad.TaskContext(job.taskId(), job.taskName(), job.variableValues()), tables);
    }

    /** Shutting down mid-table: queue the job again and drop this claim in one step; its checkpoints stay. */
    private void handBack(JobRun run) {
        ClusterKeys keys = streams.keys();
        String again = streams.encode(run.message());
        streams.redis().withTransaction(tx -> {
            TransactionalStreamCommands<String, String, String> s = tx.stream(String.class);
            s.xadd(keys.jobs(), Map.of(ClusterKeys.FIELD, again));
            s.xack(keys.jobs(), ClusterKeys.WORKERS_GROUP, run.entryId());
        });
        LOG.infof("handed %s of execution %d back to the queue", run.leaseKey(), run.executionId());
    }

    private void acknowledge(JobRun run) {
        streams.acknowledge(streams.keys().jobs(), ClusterKeys.WORKERS_GROUP, run.entryId());
    }

    static String unexpected(JobSpec job, RuntimeException e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "execution %d of task %d failed unexpectedly, reference %s", job.executionId(), job.taskId(), reference);
        return "task " + job.taskName() + ": unexpected error; the worker log has the details under " + reference;
    }

    /**
     * Forwards a table job's progress while this worker holds the table; keeps the final event for the
     * table's end report instead of sending it as progress.
     */
    private final class TableReports implements ProgressSink {

        private final JobRun run;
        private final TableRef table;
        private final long epoch;
        private volatile ProgressEvent last;

        TableReports(JobRun run, TableRef table, long epoch) {
            this.run = run;
            this.table = table;
            this.epoch = epoch;
        }

        @Override
        public void publish(ProgressEvent event) {
            last = event;
            if (event.status().isFinal() || run.leaseLost()) {
                return;
            }
            try {
                reports.publish(table == null ? WorkerReport.streamProgress(epoch, event, info.id())
                        : WorkerReport.progress(table, epoch, event, info.id()));
            } catch (RuntimeException e) {
                // a lost progress report must not fail the load; the end report carries the totals
                LOG.debugf(e, "could not publish progress of execution %d", event.executionId());
            }
        }

        @Override
        public void retrying(long taskId, long executionId, String reason) {
            retries.retried(executionId, reason);
        }

        ProgressEvent last() {
            return last;
        }
    }
}
