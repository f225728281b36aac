package io.dtaas.controlplane.task;

import io.dtaas.error.FieldProblem;
import io.dtaas.job.JobKind;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's {@code schedule_type} with its {@code schedule} settings, validated:
 * {@code on_demand} and {@code continuous} take none; {@code interval} takes {@code interval_seconds}
 * (at least 10; hourly when absent); {@code cron} takes a five-field {@code cron} and an optional {@code timezone} (default UTC).
 */
public record ScheduleSettings(ScheduleType type, Map<String, Object> settings) {

    static final int MIN_INTERVAL_SECONDS = 10;
    /** The seed shows {@code "schedule_type": "interval"} with no settings: hourly then. */
    static final long DEFAULT_INTERVAL_SECONDS = 3600;
    static final int MAX_INTERVAL_SECONDS = 31 * 24 * 3600;

    /**
     * @param schedule the settings as sent; null counts as none
     * @return the settings to store, or null when a problem was added
     */
    static ScheduleSettings validate(String typeName, Map<String, Object> schedule, JobKind mode,
                                     List<FieldProblem> problems) {
        ScheduleType type = ScheduleType.fromWire(typeName);
        if (type == null) {
            problems.add(new FieldProblem("schedule_type", "unknown value '" + typeName + "'; expected one of "
                    + ScheduleType.wireNames()));
            return null;
        }
        boolean periodic = type == ScheduleType.INTERVAL || type == ScheduleType.CRON;
        if (periodic && mode != null && mode != JobKind.FULL_LOAD) {
            problems.add(new FieldProblem("schedule_type", "a " + mode.wireName()
                    + " task captures changes continuously; use continuous or on_demand"));
            return null;
        }
        Map<String, Object> in = schedule == null ? Map.of() : schedule;
        int before = problems.size();
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> known = switch (type) {
            case ON_DEMAND, CONTINUOUS -> Set.of();
            case INTERVAL -> {
                interval(in, out, problems);
                yield Set.of("interval_seconds");
            }
            case CRON -> {
                cron(in, out, problems);
                yield Set.of("cron", "timezone");
            }
        };
        for (String key : in.keySet()) {
            if (!known.contains(key)) {
                problems.add(new FieldProblem("schedule." + key, known.isEmpty()
                        ? "schedule_type " + type.wireName() + " takes no schedule settings"
                        : "unknown setting for schedule_type " + type.wireName() + "; known: "
                        + known.stream().sorted().toList()));
            }
        }
        return problems.size() == before ? new ScheduleSettings(type, out) : null;
    }

    private static void interval(Map<String, Object> in, Map<String, Object> out, List<FieldProblem> problems) {
        Object v = in.getOrDefault("interval_seconds", DEFAULT_INTERVAL_SECONDS);
        if (!(v instanceof Integer || v instanceof Long)) {
            problems.add(new FieldProblem("schedule.interval_seconds", v == null
                    ? "is required for schedule_type interval" : "must be an integer"));
            return;
        }
        long seconds = ((Number) v).longValue();
        if (seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
            problems.add(new FieldProblem("schedule.interval_seconds", "must be between " + MIN_INTERVAL_SECONDS
                    + " and " + MAX_INTERVAL_SECONDS + " (31 days)"));
            return;
        }
        out.put("interval_seconds", seconds);
    }

    private static void cron(Map<String, Object> in, Map<String, Object> out, List<FieldProblem> problems) {
        Object cron = in.get("cron");
        if (cron != null && !(cron instanceof String)) {
            problems.add(new FieldProblem("schedule.cron", "must be a string such as \"0 2 * * *\""));
        } else {
            CronExpression.problem((String) cron).ifPresentOrElse(
                    p -> problems.add(new FieldProblem("schedule.cron", p)),
                    () -> out.put("cron", ((String) cron).strip()));
        }
        Object zone = in.get("timezone");
        if (zone == null) {
            out.put("timezone", "UTC");
            return;
        }
        try {
            out.put("timezone", ZoneId.of((String) zone).getId());
        } catch (ClassCastException | DateTimeException e) {
            problems.add(new FieldProblem("schedule.timezone", "must be a time zone id such as UTC or Europe/Paris"));
        }
    }
}
