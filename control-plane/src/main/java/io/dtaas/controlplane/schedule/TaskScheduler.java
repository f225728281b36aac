package io.dtaas.controlplane.schedule;

import io.dtaas.controlplane.launch.UntilStarted;
import io.dtaas.controlplane.execution.RunTrigger;
import io.dtaas.controlplane.execution.TaskLifecycle;
import io.dtaas.controlplane.task.LastRun;
import io.dtaas.controlplane.task.ScheduleDue;
import io.dtaas.controlplane.task.ScheduleOutlook;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Starts interval, cron and continuous tasks when they are due. Only tasks resting in {@code idle},
 * {@code completed} or {@code failed} are started: a paused or stopped task waits for its user, and a
 * running one is not started twice.
 */
@ApplicationScoped
public class TaskScheduler {

    private static final Logger LOG = Logger.getLogger(TaskScheduler.class);

    private final TaskLifecycle lifecycle;

    public TaskScheduler(TaskLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${dtaas.scheduler.tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UntilStarted.class)
    void onTick() {
        tick(Instant.now());
    }

    /** Starts every task due at {@code now}; returns the ids started. */
    public List<Long> tick(Instant now) {
        List<TaskEntity> scheduled = QuarkusTransaction.requiringNew().call(() -> TaskEntity.<TaskEntity>list(
                "scheduleType in ?1 and status in ?2", List.of("interval", "cron", "continuous"), ScheduleOutlook.RESTING));
        List<Long> started = new java.util.ArrayList<>();
        for (TaskEntity task : scheduled) {
            try {
                if (due(task, now)) {
                    // a task resting in failed is started again by its schedule: that run is a retry
                    lifecycle.start(task.id, "failed".equals(task.status) ? RunTrigger.RETRY : RunTrigger.SCHEDULE);
                    started.add(task.id);
                }
            } catch (RuntimeException e) {
                LOG.warnf("scheduler could not start task %d (%s): %s", task.id, task.name, e.getMessage());
            }
        }
        return started;
    }

    private boolean due(TaskEntity task, Instant now) {
        LastRun last = QuarkusTransaction.requiringNew().call(() -> LastRun.of(task.id));
        return ScheduleDue.next(task.scheduleType, task.schedule, task.createdAt, last).map(at -> !at.isAfter(now))
                .orElse(false);
    }
}
