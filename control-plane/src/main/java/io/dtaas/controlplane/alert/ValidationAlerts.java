package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.notification.NotificationKind;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * validation_different: opened when a task's newest completed validation found the target different from the source
 * (its health is {@code warning}); resolved when a newer one does not. Only tasks whose verdict differs from their
 * alert are returned by the query, as for {@link TaskFailureAlerts}.
 */
@ApplicationScoped
public class ValidationAlerts {

    private static final String CHANGED = "WITH latest AS (SELECT DISTINCT ON (task_id) task_id, id, verdict, finished_at,"
            + " tables FROM validations WHERE status = 'completed' ORDER BY task_id, id DESC)"
            + " SELECT l.task_id, l.id, l.verdict, l.finished_at, (SELECT string_agg(t->>'table', ', ')"
            + " FROM jsonb_array_elements(l.tables) t WHERE t->>'verdict' = 'different') FROM latest l"
            + " WHERE (l.verdict = 'different') <> EXISTS (SELECT 1 FROM alerts a WHERE a.task_id = l.task_id"
            + " AND a.kind = 'validation_different' AND a.resolved_at IS NULL)";

    private final DataSource metadata;
    private final AlertStore alerts;

    public ValidationAlerts(DataSource metadata, AlertStore alerts) {
        this.metadata = metadata;
        this.alerts = alerts;
    }

    public void check() {
        MetadataRows.each(metadata, CHANGED, "check validations for differences", rs -> {
            long task = rs.getLong(1);
            long validation = rs.getLong(2);
            if ("different".equals(rs.getString(3))) {
                Timestamp finished = rs.getTimestamp(4);
                String tables = rs.getString(5) == null ? "" : " (" + rs.getString(5) + ")";
                alerts.open(task, NotificationKind.VALIDATION_DIFFERENT,
                        finished == null ? Instant.now() : finished.toInstant(),
                        "Validation " + validation + " found the target different from the source" + tables + ".",
                        "Look at the validation's differing keys (GET /api/tasks/" + task + "/validations/"
                                + validation + "), then repair them (POST /api/tasks/" + task + "/repair) or"
                                + " reload the tables; the next validation that finds them equal resolves this alert.");
            } else {
                alerts.resolve(task, NotificationKind.VALIDATION_DIFFERENT, NotificationKind.VALIDATION_DIFFERENT,
                        "Validation " + validation + " found the target " + rs.getString(3).replace('_', ' ') + ".");
            }
        });
    }
}
