package io.dtaas.controlplane.live;

import io.dtaas.job.CdcMetrics;
import io.dtaas.job.ProgressEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Change-stream metrics per task on {@code /q/metrics}: {@code dtaas_cdc_lag_seconds},
 * {@code dtaas_cdc_position_gap_bytes}, {@code dtaas_cdc_events_per_second} and
 * {@code dtaas_cdc_last_applied_timestamp_seconds}, tagged {@code task}. Fed by the progress events of
 * {@code cdc} executions; a task keeps its last values after its stream stops (NaN until known).
 */
@ApplicationScoped
public class CdcGauges {

    private final MeterRegistry registry;
    private final ConcurrentMap<Long, Latest> byTask = new ConcurrentHashMap<>();

    /** The newest metrics of one task, read by the gauges. */
    private static final class Latest {
        volatile CdcMetrics metrics;

        double lag() {
            CdcMetrics m = metrics;
            return m == null || m.lagSeconds() == null ? Double.NaN : m.lagSeconds();
        }

        double gap() {
            CdcMetrics m = metrics;
            return m == null || m.positionGapBytes() == null ? Double.NaN : m.positionGapBytes();
        }

        double rate() {
            CdcMetrics m = metrics;
            return m == null ? Double.NaN : m.eventsPerSecond();
        }

        double lastApplied() {
            CdcMetrics m = metrics;
            return m == null || m.lastAppliedAt() == null ? Double.NaN : m.lastAppliedAt().toEpochMilli() / 1000.0;
        }
    }

    public CdcGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(ProgressEvent event) {
        if (event.cdc() == null) {
            return;
        }
        byTask.computeIfAbsent(event.taskId(), this::register).metrics = event.cdc();
        if (event.tables() != null) {
            for (io.dtaas.job.TableProgress t : event.tables()) {
                byTable.computeIfAbsent(new TableKey(event.taskId(), t.table()), this::register).progress = t;
            }
        }
    }

    /**
     * Issue 16: each table's phase as a number ({@link #PHASES}; NaN for others), its rows, its copy percentage
     * and its lag.
     */
    static final java.util.List<String> PHASES = java.util.List.of("streaming", "backfilling", "resyncing", "paused",
            "failed");

    private record TableKey(long task, String table) {
    }

    private static final class TableLatest {
        volatile io.dtaas.job.TableProgress progress;

        double phase() {
            io.dtaas.job.TableProgress p = progress;
            int i = p == null ? -1 : PHASES.indexOf(p.state());
            return i < 0 ? Double.NaN : i;
        }

        double rows() {
            io.dtaas.job.TableProgress p = progress;
            return p == null ? Double.NaN : p.rows();
        }

        double copyPercent() {
            io.dtaas.job.TableProgress p = progress;
            return p == null || p.copyPercent() == null ? Double.NaN : p.copyPercent();
        }

        double lag() {
            io.dtaas.job.TableProgress p = progress;
            return p == null || p.lagSeconds() == null ? Double.NaN : p.lagSeconds();
        }
    }

    private final ConcurrentMap<TableKey, TableLatest> byTable = new ConcurrentHashMap<>();

    private TableLatest register(TableKey key) {
        TableLatest latest = new TableLatest();
        Tags tags = Tags.of("task", Long.toString(key.task()), "table", key.table());
        Gauge.builder("dtaas_cdc_table_phase", latest, TableLatest::phase).tags(tags)
                .description("the table's phase: 0 streaming, 1 backfilling, 2 resyncing, 3 paused, 4 failed")
                .register(registry);
        Gauge.builder("dtaas_cdc_table_rows", latest, TableLatest::rows).tags(tags)
                .description("rows the execution wrote to the table (loaded, copied and changed)").register(registry);
        Gauge.builder("dtaas_cdc_table_copy_percent", latest, TableLatest::copyPercent).tags(tags)
                .description("how far the table's online copy got (rows copied against the estimate at its start):"
                        + " 0-99 while copied, 100 streaming").register(registry);
        Gauge.builder("dtaas_cdc_table_lag_seconds", latest, TableLatest::lag).tags(tags)
                .description("how far the table's target is behind the source: the stream's lag while its changes are"
                        + " applied, the time since it stopped being applied while paused or failed").register(registry);
        return latest;
    }

    private Latest register(long taskId) {
        Latest latest = new Latest();
        Tags tags = Tags.of("task", Long.toString(taskId));
        Gauge.builder("dtaas_cdc_lag_seconds", latest, Latest::lag).tags(tags)
                .description("seconds between the source commit and the application of the last applied change")
                .register(registry);
        Gauge.builder("dtaas_cdc_position_gap_bytes", latest, Latest::gap).tags(tags)
                .description("PostgreSQL WAL bytes the task's slot has not confirmed").register(registry);
        Gauge.builder("dtaas_cdc_events_per_second", latest, Latest::rate).tags(tags)
                .description("changes applied per second (last ten seconds)").register(registry);
        Gauge.builder("dtaas_cdc_last_applied_timestamp_seconds", latest, Latest::lastApplied).tags(tags)
                .description("when the task's last change batch was applied (epoch seconds)").register(registry);
        return latest;
    }
}
