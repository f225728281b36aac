package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.notification.NotificationKind;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * task_failed: opened when a task's newest finished execution failed; resolved (announced as task_recovered) when a
 * newer execution completes or streams. Judged from the stored executions, so it holds for executions run here, on
 * workers, or before a restart. Only tasks whose state differs from their alert are returned by the query.
 */
@ApplicationScoped
public class TaskFailureAlerts {

    static final String ACTION = "Read the execution's error, fix its cause (source, destination or task settings),"
            + " then start the task again; the next successful run resolves this alert.";
    private static final String CHANGED = "WITH latest AS (SELECT DISTINCT ON (task_id) task_id, id, status, error_message,"
            + " finished_at FROM executions WHERE status IN ('completed', 'failed')"
            + " OR (status = 'running' AND cdc_metrics IS NOT NULL) ORDER BY task_id, id DESC)"
            + " SELECT l.task_id, l.id, l.status, l.error_message, l.finished_at FROM latest l"
            + " WHERE (l.status = 'failed') <> EXISTS (SELECT 1 FROM alerts a WHERE a.task_id = l.task_id"
            + " AND a.kind = 'task_failed' AND a.resolved_at IS NULL)";

    private final DataSource metadata;
    private final AlertStore alerts;

    public TaskFailureAlerts(DataSource metadata, AlertStore alerts) {
        this.metadata = metadata;
        this.alerts = alerts;
    }

    public void check() {
        MetadataRows.each(metadata, CHANGED, "check executions for failures", rs -> {
            long task = rs.getLong(1);
            long execution = rs.getLong(2);
            String status = rs.getString(3);
            if ("failed".equals(status)) {
                Timestamp finished = rs.getTimestamp(5);
                String error = rs.getString(4) == null ? "no error message was recorded" : rs.getString(4);
                alerts.open(task, NotificationKind.TASK_FAILED, finished == null ? Instant.now() : finished.toInstant(),
                        "Execution " + execution + " failed: " + error, ACTION);
            } else {
                alerts.resolve(task, NotificationKind.TASK_FAILED, NotificationKind.TASK_RECOVERED,
                        "Execution " + execution + ("completed".equals(status) ? " completed" : " is streaming")
                                + ": the task recovered.");
            }
        });
    }
}
