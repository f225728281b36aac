package io.dtaas.controlplane.validation;

import io.dtaas.validate.TableReport;

import java.time.Instant;
import java.util.List;

/**
 * A validation run as the API shows it.
 *
 * @param status    running, completed, failed or stopped
 * @param verdict   once completed: {@code different} when a table differs, {@code not_comparable} when no table could
 *                  be compared by value, else {@code equal}; null while running or when it failed
 * @param repair    whether differing key ranges are re-copied and compared again
 * @param trigger   {@code api}, {@code after_load} or {@code schedule}
 * @param requested the tables asked for (empty: all of the task's)
 * @param tables    one report per table done so far, in the task's order
 */
public record ValidationView(long id, long taskId, String status, String verdict, boolean repair, String trigger,
                             List<String> requested, List<TableReport> tables, String errorMessage, Instant startedAt,
                             Instant finishedAt) {

    static ValidationView of(ValidationEntity e) {
        return new ValidationView(e.id, e.taskId, e.status, e.verdict, e.repair, e.trigger,
                e.requested == null ? List.of() : e.requested, ValidationJson.reports(e.tables), e.errorMessage,
                e.startedAt, e.finishedAt);
    }
}
