package io.dtaas.controlplane.execution;

import io.dtaas.job.TableProgress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution as the API shows it.
 *
 * @param status        lower-case {@link io.dtaas.job.ExecutionStatus} wire name
 * @param processedRows rows written by this execution (a resumed execution counts only its own)
 * @param tableProgress one entry per table; chunk counts include chunks committed by earlier executions
 * @param variables     the variables resolved at its start: name to {@code {"value", "value_type"}} (empty: none)
 * @param cdc           a cdc execution's latest stream metrics ({@code lag_seconds}, {@code position_gap_bytes},
 *                      {@code events_per_second}, {@code last_applied_at}, {@code measured_at}); null for full loads.
 *                      A running stream's {@code lag_seconds} is counted up to now (see {@link CdcLag})
 * @param retries       transient failures (lost connections, a database restarting) retried and ridden through
 * @param lastRetryReason the latest retried failure, naming table and chunk or change batch; null without retries
 * @param resumedFrom   the paused or failed execution this one continues (null for a start from scratch)
 * @param resumedBy     the execution that continued this one (null while none did)
 * @param runNumber     its number among the task's executions (#1, #2 ...); null for executions older than numbering
 * @param trigger       what started it: manual, resume, schedule or retry; null when not recorded
 * @param degraded      a running change stream with a table {@code failed} (the destination refused one of its
 *                      changes): the other tables stream on (issue 16)
 */
public record ExecutionView(long id, long taskId, String status, long processedRows, Double rowsPerSecond,
                            List<TableProgress> tableProgress, Map<String, Object> variables, String errorMessage,
                            Instant startedAt, Instant finishedAt, Instant createdAt, Map<String, Object> cdc,
                            int retries, String lastRetryReason, Long resumedFrom, Long resumedBy,
                            Long runNumber, String trigger, boolean degraded) {

    public static ExecutionView of(ExecutionEntity e) {
        List<TableProgress> tables = TableProgressJson.fromJson(e.tableProgress);
        return new ExecutionView(e.id, e.taskId, e.status, e.processedRows, e.rowsPerSecond,
                tables, e.variables == null ? Map.of() : e.variables,
                e.errorMessage, e.startedAt, e.finishedAt, e.createdAt,
                CdcLag.now(e.cdcMetrics, e.status, Instant.now()), e.retries, e.lastRetryReason, e.resumedFrom,
                e.resumedBy, e.runNumber, e.runTrigger,
                "running".equals(e.status) && tables.stream().anyMatch(t -> "failed".equals(t.state())));
    }
}
