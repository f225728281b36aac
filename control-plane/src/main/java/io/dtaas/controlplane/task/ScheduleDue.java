package io.dtaas.controlplane.task;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * When a scheduled task runs next. Runs missed while DTaaS was down give one catch-up run, not a burst: each
 * rule looks at the latest run only, and a start makes that run the latest. After failures every kind of schedule
 * waits 10 s, 20 s, 40 s, ... (at most 10 min) before the next try, so a broken source is not hammered.
 */
public final class ScheduleDue {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private ScheduleDue() {
    }

    /**
     * The next run's time (possibly in the past: due now), or empty when the schedule starts nothing by itself
     * (on_demand, or the latest run neither completed nor failed).
     */
    public static Optional<Instant> next(String scheduleType, Map<String, Object> settings, Instant taskCreated,
                                         LastRun last) {
        if (last != null && !last.status().equals("completed") && !last.status().equals("failed")) {
            return Optional.empty();
        }
        Optional<Instant> regular = switch (scheduleType) {
            case "interval" -> Optional.of(last == null ? taskCreated
                    : last.createdAt().plusSeconds(((Number) settings.get("interval_seconds")).longValue()));
            case "cron" -> {
                ZoneId zone = ZoneId.of(String.valueOf(settings.getOrDefault("timezone", "UTC")));
                Instant since = last == null ? taskCreated : last.createdAt();
                yield ExecutionTime.forCron(CRON.parse(String.valueOf(settings.get("cron"))))
                        .nextExecution(since.atZone(zone)).map(z -> z.toInstant());
            }
            case "continuous" -> Optional.of(last == null ? taskCreated
                    : last.finishedAt() != null ? last.finishedAt() : last.createdAt());
            default -> Optional.empty();
        };
        return regular.map(at -> backingOff(last) ? max(at, last.finishedAt().plus(backoff(last.consecutiveFailures()))) : at);
    }

    /** True when the latest run failed and the next one waits for its backoff. */
    public static boolean backingOff(LastRun last) {
        return last != null && last.status().equals("failed") && last.finishedAt() != null && last.consecutiveFailures() > 0;
    }

    public static boolean interval(Map<String, Object> settings, LastRun last, Instant now) {
        return dueBy("interval", settings, Instant.EPOCH, last, now);
    }

    public static boolean cron(Map<String, Object> settings, Instant taskCreated, LastRun last, Instant now) {
        return dueBy("cron", settings, taskCreated, last, now);
    }

    public static boolean continuous(LastRun last, Instant now) {
        return dueBy("continuous", Map.of(), Instant.EPOCH, last, now);
    }

    private static boolean dueBy(String type, Map<String, Object> settings, Instant created, LastRun last, Instant now) {
        return next(type, settings, created, last).map(at -> !at.isAfter(now)).orElse(false);
    }

    static Duration backoff(int failures) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(20, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
