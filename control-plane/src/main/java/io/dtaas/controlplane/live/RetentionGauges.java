package io.dtaas.controlplane.live;

import io.dtaas.connect.RetainedLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What each streaming task's source retains for it, on {@code /q/metrics}, tagged {@code task}, from the periodic
 * measurement that covers stopped, paused and failed tasks too: {@code dtaas_cdc_retained_bytes},
 * {@code dtaas_cdc_slot_safe_wal_size_bytes} (NaN when unlimited) and {@code dtaas_cdc_position_lost} (1 when the
 * slot is gone or invalidated).
 */
@ApplicationScoped
public class RetentionGauges {

    private final MeterRegistry registry;
    private final ConcurrentMap<Long, Latest> byTask = new ConcurrentHashMap<>();

    private static final class Latest {
        volatile RetainedLog log;

        double retained() {
            RetainedLog l = log;
            return l == null || l.retainedBytes() == null ? Double.NaN : l.retainedBytes();
        }

        double safe() {
            RetainedLog l = log;
            return l == null || l.safeWalSizeBytes() == null ? Double.NaN : l.safeWalSizeBytes();
        }

        double lost() {
            RetainedLog l = log;
            return l == null ? Double.NaN : !l.positionExists() || l.invalidated() ? 1 : 0;
        }
    }

    public RetentionGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(long taskId, RetainedLog log) {
        byTask.computeIfAbsent(taskId, this::register).log = log;
    }

    private Latest register(long taskId) {
        Latest latest = new Latest();
        Tags tags = Tags.of("task", Long.toString(taskId));
        Gauge.builder("dtaas_cdc_retained_bytes", latest, Latest::retained).tags(tags)
                .description("log bytes the source keeps for the task's stream, running or not").register(registry);
        Gauge.builder("dtaas_cdc_slot_safe_wal_size_bytes", latest, Latest::safe).tags(tags)
                .description("PostgreSQL safe_wal_size of the task's slot (NaN: unlimited)").register(registry);
        Gauge.builder("dtaas_cdc_position_lost", latest, Latest::lost).tags(tags)
                .description("1 when the task's slot is gone or invalidated (wal_status lost)").register(registry);
        return latest;
    }
}
