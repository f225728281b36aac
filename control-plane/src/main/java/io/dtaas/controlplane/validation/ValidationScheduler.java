package io.dtaas.controlplane.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the validations of tasks whose {@code config.validation_schedule} (a five-field cron expression, UTC) is
 * due: the next fire time after the task's latest scheduled validation (or after the task was last saved) has come.
 * Missed fire times while DTaaS was down give one run, not a burst. A task with a validation under way is skipped
 * and tried again on the next tick.
 */
@ApplicationScoped
public class ValidationScheduler {

    static final String TRIGGER = "schedule";
    private static final Logger LOG = Logger.getLogger(ValidationScheduler.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ValidationService validations;
    /** When this process first saw each task's schedule (task id and expression). */
    private final java.util.Map<String, Instant> firstSeen = new java.util.concurrent.ConcurrentHashMap<>();

    public ValidationScheduler(ValidationService validations) {
        this.validations = validations;
    }

    private record Planned(long taskId, String cron, Instant since) {
    }

    @io.quarkus.scheduler.Scheduled(every = "${dtaas.scheduler.tick:5s}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void onTick() {
        tick(Instant.now());
    }

    /** Starts every scheduled validation due at {@code now}; returns the task ids started. */
    public List<Long> tick(Instant now) {
        List<Planned> scheduled = QuarkusTransaction.requiringNew().call(() -> scheduled(now));
        List<Long> started = new ArrayList<>();
        for (Planned s : scheduled) {
            if (next(s.cron(), s.since()).map(at -> !at.isAfter(now)).orElse(false)) {
                try {
                    validations.start(s.taskId(), new ValidationRequest(List.of(), false), TRIGGER);
                    started.add(s.taskId());
                } catch (ConflictException e) {
                    // a validation is under way: the next tick tries again
                } catch (RuntimeException e) {
                    LOG.warnf("task %d: the scheduled validation did not start: %s", s.taskId(), e.getMessage());
                }
            }
        }
        return started;
    }

    /**
     * Tasks with a validation schedule, with the time their next fire time counts from: their latest scheduled
     * validation, else when this process first saw the schedule (so a schedule added to an old task waits for its
     * next fire time instead of firing at once).
     */
    private List<Planned> scheduled(Instant now) {
        List<Planned> out = new ArrayList<>();
        for (TaskEntity task : TaskEntity.<TaskEntity>listAll()) {
            Object cron = task.config == null ? null : task.config.get("validation_schedule");
            if (!(cron instanceof String expression) || expression.isBlank()) {
                continue;
            }
            Instant since = ValidationEntity.<ValidationEntity>find("taskId = ?1 and trigger = ?2 order by id desc",
                    task.id, TRIGGER).firstResultOptional().map(v -> v.startedAt).orElse(null);
            Instant seen = firstSeen.computeIfAbsent(task.id + " " + expression.strip(), k -> now);
            out.add(new Planned(task.id, expression.strip(), since != null ? since : seen));
        }
        return out;
    }

    /** The first fire time after {@code since}, or empty for an expression the scheduler cannot parse. */
    static Optional<Instant> next(String cron, Instant since) {
        try {
            return ExecutionTime.forCron(CRON.parse(cron)).nextExecution(since.atZone(ZoneOffset.UTC))
                    .map(z -> z.toInstant());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
