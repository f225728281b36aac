package io.dtaas.controlplane.schedule;

import io.dtaas.controlplane.execution.ExecutionEntity;
import io.dtaas.controlplane.execution.TaskLifecycle;
import io.dtaas.controlplane.task.TaskEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Starts interval, cron and continuous tasks when they are due. Only tasks resting in {@code idle},
 * {@code completed} or {@code failed} are started: a paused or stopped task waits for its user, and a
 * running one is not started twice.
 */
@ApplicationScoped
public class TaskScheduler {

    private static final Logger LOG = Logger.getLogger(TaskScheduler.class);
    private static final Set<String> RESTING = Set.of("idle", "completed", "failed");

    private final TaskLifecycle lifecycle;

    public TaskScheduler(TaskLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${dtaas.scheduler.tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTick() {
        tick(Instant.now());
    }

    /** Starts every task due at {@code now}; returns the ids started. */
    public List<Long> tick(Instant now) {
        List<TaskEntity> scheduled = QuarkusTransaction.requiringNew().call(() -> TaskEntity.<TaskEntity>list(
                "scheduleType in ?1 and status in ?2", List.of("interval", "cron", "continuous"), RESTING));
        List<Long> started = new java.util.ArrayList<>();
        for (TaskEntity task : scheduled) {
            try {
                if (due(task, now)) {
                    lifecycle.start(task.id);
                    started.add(task.id);
                }
            } catch (RuntimeException e) {
                LOG.warnf("scheduler could not start task %d (%s): %s", task.id, task.name, e.getMessage());
            }
        }
        return started;
    }

    private boolean due(TaskEntity task, Instant now) {
        LastRun last = QuarkusTransaction.requiringNew().call(() -> lastRun(task.id));
        return switch (task.scheduleType) {
            case "interval" -> ScheduleDue.interval(task.schedule, last, now);
            case "cron" -> ScheduleDue.cron(task.schedule, task.createdAt, last, now);
            case "continuous" -> ScheduleDue.continuous(last, now);
            default -> false;
        };
    }

    private static LastRun lastRun(long taskId) {
        List<ExecutionEntity> recent = ExecutionEntity.<ExecutionEntity>find("taskId = ?1 order by id desc", taskId)
                .page(0, 20).list();
        if (recent.isEmpty()) {
            return null;
        }
        int failures = 0;
        while (failures < recent.size() && "failed".equals(recent.get(failures).status)) {
            failures++;
        }
        ExecutionEntity latest = recent.get(0);
        return new LastRun(latest.createdAt, latest.status, latest.finishedAt, failures);
    }
}
