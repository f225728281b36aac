package io.dtaas.controlplane.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * When a scheduled task is due. Runs missed while DTaaS was down give one catch-up run, not a burst: each
 * rule looks at the latest run only, and a start makes that run the latest.
 */
public final class ScheduleDue {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private ScheduleDue() {
    }

    /** Interval: due when the latest run started at least {@code interval_seconds} ago (or never ran). */
    public static boolean interval(Map<String, Object> settings, LastRun last, Instant now) {
        long seconds = ((Number) settings.get("interval_seconds")).longValue();
        return last == null || !last.createdAt().plusSeconds(seconds).isAfter(now);
    }

    /**
     * Cron: due when a fire time passed since the latest run started (since the task was created when it
     * never ran).
     */
    public static boolean cron(Map<String, Object> settings, Instant taskCreated, LastRun last, Instant now) {
        ZoneId zone = ZoneId.of(String.valueOf(settings.getOrDefault("timezone", "UTC")));
        Instant since = last == null ? taskCreated : last.createdAt();
        Optional<ZonedDateTime> next = ExecutionTime.forCron(CRON.parse(String.valueOf(settings.get("cron"))))
                .nextExecution(since.atZone(zone));
        return next.isPresent() && !next.get().toInstant().isAfter(now);
    }

    /**
     * Continuous: run again as soon as the latest run completed; after failures wait 10 s, 20 s, 40 s, ...
     * (at most 10 min) so a broken source is not hammered.
     */
    public static boolean continuous(LastRun last, Instant now) {
        if (last == null || last.status().equals("completed")) {
            return true;
        }
        if (!last.status().equals("failed") || last.finishedAt() == null) {
            return false;
        }
        return !last.finishedAt().plus(backoff(last.consecutiveFailures())).isAfter(now);
    }

    static Duration backoff(int failures) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(20, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }
}
