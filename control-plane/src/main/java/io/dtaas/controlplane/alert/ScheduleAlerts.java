package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.controlplane.task.LastRun;
import io.dtaas.controlplane.task.ScheduleDue;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * schedule_missed: an interval or cron task whose due run has not started within {@code dtaas.alerts.schedule-window}
 * (default 5 min) of its due time: the scheduler was not running, could not start it, or the previous run is still
 * going (a run is never started twice). Resolved once a run started (the next due time is ahead again). Paused and
 * stopped tasks wait for their user by design and are left out.
 */
@ApplicationScoped
public class ScheduleAlerts {

    private static final Set<String> WATCHED = Set.of("idle", "completed", "failed", "queued", "running", "stopping");

    private final AlertStore alerts;
    private final Duration window;

    public ScheduleAlerts(AlertStore alerts,
                          @ConfigProperty(name = "dtaas.alerts.schedule-window", defaultValue = "5m") Duration window) {
        this.alerts = alerts;
        this.window = window;
    }

    private record Scheduled(long taskId, String status, Optional<Instant> due) {
    }

    public void check() {
        check(Instant.now());
    }

    void check(Instant now) {
        for (Scheduled task : scheduled()) {
            if (task.due().isPresent() && task.due().get().plus(window).isBefore(now)) {
                Instant due = task.due().get();
                alerts.open(task.taskId(), NotificationKind.SCHEDULE_MISSED, due, "The scheduled run due at " + due
                        + " has not started within " + window.toMinutes() + " min" + (Set.of("queued", "running",
                        "stopping").contains(task.status()) ? ": the previous run is still " + task.status() + "."
                        : " (the task is " + task.status() + ")."),
                        "Check that the control-plane runs (its scheduler starts due tasks) and, in distributed mode,"
                                + " that transfer-workers are online; if the previous run is still going, lengthen the"
                                + " schedule or speed the task up. The next run that starts resolves this alert.");
            } else {
                alerts.resolve(task.taskId(), NotificationKind.SCHEDULE_MISSED, NotificationKind.SCHEDULE_MISSED,
                        "A scheduled run started; the schedule is on time again.");
            }
        }
    }

    /** Interval and cron tasks with the time their next run is due (a run under way counts as started then). */
    private List<Scheduled> scheduled() {
        return QuarkusTransaction.requiringNew().call(() -> TaskEntity.<TaskEntity>list(
                "scheduleType in ?1 and status in ?2", List.of("interval", "cron"), WATCHED).stream().map(t -> {
                    LastRun last = LastRun.of(t.id);
                    if (last != null && !"completed".equals(last.status()) && !"failed".equals(last.status())) {
                        last = new LastRun(last.createdAt(), "completed", last.createdAt(), 0); // due after its start
                    }
                    return new Scheduled(t.id, t.status, ScheduleDue.next(t.scheduleType, t.schedule, t.createdAt, last));
                }).toList());
    }
}
