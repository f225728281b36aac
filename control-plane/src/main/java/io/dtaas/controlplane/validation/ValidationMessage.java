package io.dtaas.controlplane.validation;

import io.dtaas.validate.TableReport;

import java.time.Instant;

/**
 * What {@code /ws} subscribers receive while a validation runs: each table as it starts ({@code table_started}) and
 * ends (with its report), and the run's end.
 *
 * @param type   always {@code validation_progress}
 * @param event  {@code table_started}, {@code table_done} or {@code finished}
 * @param table  the table concerned (null for {@code finished})
 * @param report the table's report ({@code table_done} only)
 */
public record ValidationMessage(String type, long validationId, long taskId, String event, String status, String verdict,
                                String table, TableReport report, Instant at) {

    static ValidationMessage of(ValidationEntity v, String event, String table, TableReport report) {
        return new ValidationMessage("validation_progress", v.id, v.taskId, event, v.status, v.verdict, table, report,
                Instant.now());
    }
}
