package io.dtaas.worker;

import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.JobMessage;
import io.dtaas.cluster.WorkerReport;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.engine.FullLoad;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.JobSpec;
import io.dtaas.metadata.ExecutionTable;
import io.dtaas.metadata.ExecutionTables;
import io.dtaas.metadata.JdbcConnectorStore;
import io.quarkus.redis.datasource.stream.TransactionalStreamCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Runs a full load's plan job: selects the execution's tables, records them in the metadata database before
 * queueing anything (so the control-plane knows what the execution owes even if Redis loses the queue), then in
 * one Redis transaction reports the plan, queues a job per table and acknowledges itself, so a crash never leaves
 * half a plan. A plan job run again (reclaimed, or queued again after Redis lost it) keeps the recorded plan and
 * queues only the tables not yet ended.
 */
@ApplicationScoped
public class ExecutionPlanner {

    private final WorkerInfo info;
    private final Streams streams;
    private final ReportPublisher reports;
    private final JdbcConnectorStore connectors;
    private final ExecutionTables executionTables;

    public ExecutionPlanner(WorkerInfo info, Streams streams, ReportPublisher reports, JdbcConnectorStore connectors,
                            ExecutionTables executionTables) {
        this.info = info;
        this.streams = streams;
        this.reports = reports;
        this.connectors = connectors;
        this.executionTables = executionTables;
    }

    void plan(JobRun run) {
        JobSpec job = run.message().job();
        reports.publish(WorkerReport.started(job.executionId(), job.taskId(), info.id()));
        List<ExecutionTable> recorded = executionTables.of(job.executionId());
        if (recorded.isEmpty()) {
            List<TableRef> selected;
            try (Source source = connectors.resolve(job.sourceConnectorId()).openSource()) {
                selected = FullLoad.plan(source, job.config());
            } catch (DtaasException e) {
                finish(run, ExecutionStatus.FAILED, "task " + job.taskName() + ": " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                finish(run, ExecutionStatus.FAILED, JobHandler.unexpected(job, e));
                return;
            }
            if (selected.isEmpty()) {
                finish(run, ExecutionStatus.COMPLETED, null);
                return;
            }
            recorded = executionTables.plan(job.executionId(), selected.stream().map(TableRef::toString).toList());
        }
        List<TableRef> tables = recorded.stream().map(t -> TableRef.parse(t.table())).toList();
        List<TableRef> open = recorded.stream().filter(t -> !t.finished()).map(t -> TableRef.parse(t.table())).toList();
        ClusterKeys keys = streams.keys();
        String planned = streams.encode(WorkerReport.planned(job.executionId(), job.taskId(), tables, info.id()));
        streams.redis().withTransaction(tx -> {
            TransactionalStreamCommands<String, String, String> s = tx.stream(String.class);
            s.xadd(keys.progress(), Map.of(ClusterKeys.FIELD, planned));
            for (TableRef table : open) {
                s.xadd(keys.jobs(), Map.of(ClusterKeys.FIELD, streams.encode(JobMessage.table(job, table))));
            }
            s.xack(keys.jobs(), ClusterKeys.WORKERS_GROUP, run.entryId());
        });
    }

    /**
     * A stop or pause reached the plan job before it ran. Once a plan is recorded, the execution ends with its
     * tables (their jobs see the request too), so nothing is reported here.
     */
    void endUnstarted(JobRun run, ExecutionStatus status) {
        JobSpec job = run.message().job();
        if (job.kind() != JobKind.FULL_LOAD || executionTables.of(job.executionId()).isEmpty()) {
            reports.publish(WorkerReport.finished(job.executionId(), job.taskId(), status, null, info.id()));
        }
        streams.acknowledge(keys().jobs(), ClusterKeys.WORKERS_GROUP, run.entryId());
    }

    private void finish(JobRun run, ExecutionStatus status, String error) {
        JobSpec job = run.message().job();
        reports.publish(WorkerReport.finished(job.executionId(), job.taskId(), status, error, info.id()));
        streams.acknowledge(keys().jobs(), ClusterKeys.WORKERS_GROUP, run.entryId());
    }

    private ClusterKeys keys() {
        return streams.keys();
    }
}
