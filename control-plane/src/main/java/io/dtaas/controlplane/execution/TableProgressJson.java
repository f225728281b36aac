package io.dtaas.controlplane.execution;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-table progress as stored in {@code executions.table_progress}: plain maps with the wire's snake_case
 * keys, written explicitly because stored JSON goes through Hibernate's mapper, not the REST one.
 */
public final class TableProgressJson {

    private TableProgressJson() {
    }

    static List<Map<String, Object>> toJson(List<TableProgress> tables) {
        return tables.stream().map(TableProgressJson::toJson).toList();
    }

    public static List<TableProgress> fromJson(List<Map<String, Object>> stored) {
        if (stored == null) {
            return List.of();
        }
        return stored.stream().map(TableProgressJson::fromJson).toList();
    }

    /**
     * The tables of an execution that ended as {@code status}: none is left {@code running} or {@code pending}. A
     * table that was running becomes {@code failed} in a failed execution, else {@code interrupted}; one never
     * started becomes {@code interrupted}; both with a reason. A completed execution's tables are left as they are.
     */
    static List<TableProgress> settled(List<TableProgress> tables, ExecutionStatus status, String executionError) {
        if (status == ExecutionStatus.COMPLETED || !status.isFinal()) {
            return tables;
        }
        String why = switch (status) {
            case FAILED -> executionError != null ? "the execution failed: " + executionError : "the execution failed";
            case STOPPED -> "the execution was stopped";
            case PAUSED -> "the execution was paused; resume continues it from its checkpoints";
            case COMPLETED, IDLE, QUEUED, RUNNING, STOPPING -> "the execution ended";
        };
        return tables.stream().map(t -> switch (t.state() == null ? "pending" : t.state()) {
            // a change stream's tables (issue 16) end like a running table; paused and failed ones keep saying so
            case "running", "streaming", "backfilling", "resyncing" -> t.withState(status == ExecutionStatus.FAILED ? "failed" : "interrupted",
                    t.error() != null ? t.error() : "did not finish: " + why);
            case "pending" -> t.withState("interrupted", t.error() != null ? t.error() : "not started: " + why);
            default -> t;
        }).toList();
    }

    private static Map<String, Object> toJson(TableProgress t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", t.table());
        m.put("state", t.state());
        m.put("rows", t.rows());
        m.put("bytes", t.bytes());
        m.put("chunks_done", t.chunksDone());
        m.put("chunks_total", t.chunksTotal());
        m.put("error", t.error());
        m.put("rows_read", t.rowsRead());
        m.put("rows_filtered", t.rowsFiltered());
        m.put("note", t.note());
        // a change stream's per-table figures (issue 16): only on its tables
        putIfPresent(m, "copied", t.copied());
        putIfPresent(m, "copy_estimate", t.copyEstimate());
        putIfPresent(m, "copy_percent", t.copyPercent());
        putIfPresent(m, "lag_seconds", t.lagSeconds());
        return m;
    }

    private static TableProgress fromJson(Map<String, Object> m) {
        return new TableProgress((String) m.get("table"), (String) m.get("state"), number(m.get("rows")),
                number(m.get("bytes")), (int) number(m.get("chunks_done")), (int) number(m.get("chunks_total")),
                (String) m.get("error"), number(m.get("rows_read")), number(m.get("rows_filtered")),
                (String) m.get("note"), m.get("copied") instanceof Number n ? n.longValue() : null,
                m.get("copy_estimate") instanceof Number n ? n.longValue() : null,
                m.get("copy_percent") instanceof Number n ? n.intValue() : null,
                m.get("lag_seconds") instanceof Number n ? n.doubleValue() : null);
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }
}
