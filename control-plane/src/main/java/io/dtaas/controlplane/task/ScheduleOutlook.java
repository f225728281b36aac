package io.dtaas.controlplane.task;

import io.dtaas.controlplane.metadata.TaskEntity;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a task's schedule will do next, as the task view shows it: when it runs next (none when the schedule is
 * on demand, stopped, paused or a run is under way) and, when the schedule is held back, why.
 *
 * @param nextRunAt when the scheduler will start the task next; null when it won't by itself
 * @param note      why the schedule is stopped, paused or backing off; null when it runs normally
 */
public record ScheduleOutlook(Instant nextRunAt, String note) {

    /** Task statuses in which the scheduler may start a scheduled task. */
    public static final Set<String> RESTING = Set.of("idle", "completed", "failed");
    private static final ScheduleOutlook NONE = new ScheduleOutlook(null, null);

    static ScheduleOutlook of(TaskEntity task) {
        if (task.scheduleType == null || task.scheduleType.equals(ScheduleType.ON_DEMAND.wireName())) {
            return NONE;
        }
        if (task.status.equals("stopped")) {
            return new ScheduleOutlook(null, "the schedule is stopped: start the task to run it and resume the schedule");
        }
        if (task.status.equals("paused")) {
            return new ScheduleOutlook(null, "the schedule is paused: resume the task to run it and continue the schedule");
        }
        if (!RESTING.contains(task.status)) {
            return NONE;
        }
        LastRun last = LastRun.of(task.id);
        Optional<Instant> next = ScheduleDue.next(task.scheduleType, task.schedule, task.createdAt, last);
        String note = ScheduleDue.backingOff(last) ? "backing off after " + last.consecutiveFailures()
                + " failed run(s) in a row" + next.map(at -> "; next try at " + at).orElse("") : null;
        return new ScheduleOutlook(next.orElse(null), note);
    }
}
