package io.dtaas.controlplane.task;

import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.controlplane.execution.ExecutionSummary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task as the API shows it.
 *
 * @param status        {@code idle} until its first run, then its latest execution's status
 * @param lastExecution that latest execution in brief; null while idle
 * @param nextRunAt     when the schedule starts the task next; null when it won't by itself
 * @param scheduleNote  why the schedule is stopped, paused or backing off; null when it runs normally
 * @param warnings      on create and update answers: what could not be checked yet (an unreachable source)
 * @param lastValidation its latest finished validation in brief; null when never validated
 * @param health        {@code warning} when that validation found the target different from the source, else {@code ok}
 * @param sourceRetention streaming tasks: what the source keeps of its log for the task (measured periodically,
 *                      running or not); null before the first measurement and for other tasks
 * @param resyncRequired why the task's next start resyncs it; null when it won't
 * @param openAlerts    how many of the task's alerts are open
 */
public record TaskView(long id, String name, String description, long sourceConnectorId, long destinationConnectorId,
                       String mode, String scheduleType, Map<String, Object> schedule, Map<String, Object> config,
                       String status, ExecutionSummary lastExecution, Instant nextRunAt, String scheduleNote,
                       Instant createdAt, Instant updatedAt, List<String> warnings,
                       io.dtaas.controlplane.validation.ValidationSummary lastValidation, String health,
                       SourceRetention sourceRetention, ResyncRequired resyncRequired, int openAlerts) {

    static TaskView of(TaskEntity e, ExecutionSummary last, io.dtaas.controlplane.validation.ValidationSummary validation) {
        ScheduleOutlook outlook = ScheduleOutlook.of(e);
        return new TaskView(e.id, e.name, e.description, e.sourceConnectorId, e.destinationConnectorId, e.mode,
                e.scheduleType, e.schedule == null ? Map.of() : e.schedule, e.config, e.status, last, outlook.nextRunAt(),
                outlook.note(), e.createdAt, e.updatedAt, List.of(), validation,
                validation == null ? "ok" : validation.health(), null, null, 0);
    }

    /** This view with its stream's safety facts (retained log, resync mark, open alerts). */
    TaskView withSafety(StreamSafetyStore.Safety safety) {
        return new TaskView(id, name, description, sourceConnectorId, destinationConnectorId, mode, scheduleType, schedule,
                config, status, lastExecution, nextRunAt, scheduleNote, createdAt, updatedAt, warnings, lastValidation,
                health, safety.retention(), safety.resync(), safety.openAlerts());
    }

    /** This view with what a save could not check (only create and update answers carry warnings). */
    TaskView withWarnings(List<String> found) {
        return new TaskView(id, name, description, sourceConnectorId, destinationConnectorId, mode, scheduleType, schedule,
                config, status, lastExecution, nextRunAt, scheduleNote, createdAt, updatedAt, List.copyOf(found), lastValidation,
                health, sourceRetention, resyncRequired, openAlerts);
    }
}
