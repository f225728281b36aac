package io.dtaas.cdc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.error.SystemError;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each table's place in a change stream's lifecycle (issue 16), kept in the {@link StreamState} beside the offsets
 * so a restarted execution knows which tables are still being copied, paused or failed. Saved whenever a phase
 * changes, before the batch whose offsets depend on it is committed: a crash leaves the phases at or ahead of
 * the offsets, never behind, and an incremental snapshot still in flight resumes from Debezium's own offsets.
 *
 * <p>Thread-safe (the engine thread and the execution thread both read and change it).
 */
public final class TablePhases {

    /** A table's phase, as the API shows it. */
    public enum Phase {
        /** Changes are applied as they come. */
        STREAMING("streaming"),
        /** Added to a running stream: its rows are being copied in chunks (an incremental snapshot) while it streams. */
        BACKFILLING("backfilling"),
        /** Its target was emptied and its rows are being copied again while it streams. */
        RESYNCING("resyncing"),
        /** Its changes are dropped (nothing is held); resuming resyncs it. */
        PAUSED("paused"),
        /** The destination refused one of its changes: its later changes are dropped until it is resumed or resynced. */
        FAILED("failed");

        private final String wire;

        Phase(String wire) {
            this.wire = wire;
        }

        public String wireName() {
            return wire;
        }

        /** Phases whose changes are applied downstream. */
        public boolean applies() {
            return this == STREAMING || this == BACKFILLING || this == RESYNCING;
        }

        public boolean copying() {
            return this == BACKFILLING || this == RESYNCING;
        }
    }

    /**
     * @param phase     where the table is
     * @param signalled a copy was requested from the source (the signal row is written); the copy is underway or queued
     * @param seen      the stream's offsets showed the copy of this table in progress: once they no longer do, it is done
     * @param error     why the table failed (the destination's words), null otherwise
     * @param key       the key of the change the destination refused, as text, null otherwise
     * @param copied    rows the current copy has written so far
     * @param estimate  the rows the current copy expects, read from the source when it was requested; null when
     *                  the source could not tell cheaply
     * @param stoppedAt when the table stopped being applied (paused, failed), epoch milliseconds; null while applied
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TableState(Phase phase, boolean signalled, boolean seen, String error, String key, long copied,
                             Long estimate, Long stoppedAt) {

        /** A state without an estimate, applied (or stopped at an unknown time). */
        public TableState(Phase phase, boolean signalled, boolean seen, String error, String key, long copied) {
            this(phase, signalled, seen, error, key, copied, null, null);
        }

        static TableState of(Phase phase) {
            return new TableState(phase, false, false, null, null, 0);
        }

        /** The table stopped being applied at {@code epochMillis} (paused, or failed with a reason and key). */
        static TableState stopped(Phase phase, String error, String key, long epochMillis) {
            return new TableState(phase, false, false, error, key, 0, null, epochMillis);
        }

        /** The same state with the rows its copy expects. */
        TableState expecting(Long rows) {
            return new TableState(phase, signalled, seen, error, key, copied, rows, stoppedAt);
        }

        /**
         * How far the copy got: {@code copied} against the estimate, at most 99 while the table is copied (the
         * estimate is a statistic: the copy may pass it), 100 once it streams; null when it is neither applied nor
         * copied with a known estimate.
         */
        public Integer copyPercent() {
            if (phase == Phase.STREAMING) {
                return 100;
            }
            if (!phase.copying() || estimate == null) {
                return null;
            }
            if (estimate <= 0) {
                return 0; // an empty table is done as soon as the stream says so
            }
            return (int) Math.min(99, copied * 100 / estimate);
        }

        /**
         * How far the table's target is behind its source, in seconds: the stream's lag while its changes are
         * applied (streaming or copied), else the time since it stopped being applied (a stuck table's lag grows).
         */
        public Double lagSeconds(Double streamLag, long nowMillis) {
            if (phase.applies()) {
                return streamLag;
            }
            return stoppedAt == null ? null : Math.max(0, nowMillis - stoppedAt) / 1000.0;
        }
    }

    /** What is saved: the tables by {@code schema.table}, and where the stream's signal table lives. */
    record Saved(Map<String, TableState> tables, String signalTable) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamState state;
    private final Map<String, TableState> tables = new LinkedHashMap<>();
    private String signalTable;

    private TablePhases(StreamState state) {
        this.state = state;
    }

    /** The phases saved in {@code state}, or none (a stream that never recorded any). */
    public static TablePhases load(StreamState state) {
        TablePhases phases = new TablePhases(state);
        String json = state.tablePhases();
        if (json != null && !json.isBlank()) {
            try {
                Saved saved = JSON.readValue(json, Saved.class);
                if (saved.tables() != null) {
                    phases.tables.putAll(saved.tables());
                }
                phases.signalTable = saved.signalTable();
            } catch (JsonProcessingException e) {
                throw new SystemError("the stream's table state is unreadable: " + e.getOriginalMessage(), e);
            }
        }
        return phases;
    }

    public synchronized boolean isEmpty() {
        return tables.isEmpty();
    }

    public synchronized Optional<TableState> get(String table) {
        return Optional.ofNullable(tables.get(table));
    }

    public synchronized Phase phase(String table) {
        TableState t = tables.get(table);
        return t == null ? null : t.phase();
    }

    public synchronized Map<String, TableState> all() {
        return Map.copyOf(tables);
    }

    public synchronized String signalTable() {
        return signalTable;
    }

    public synchronized void signalTable(String name) {
        signalTable = name;
        save();
    }

    public synchronized void put(String table, TableState s) {
        tables.put(table, s);
        save();
    }

    /**
     * Like {@link #put} without saving (the caller saves once for several), and only while the table is still in
     * {@code expected}: a request taken meanwhile on another thread (a resync) wins.
     */
    synchronized boolean replace(String table, TableState expected, TableState next) {
        return tables.replace(table, expected, next);
    }

    public synchronized void remove(String table) {
        if (tables.remove(table) != null) {
            save();
        }
    }

    /** Counts rows a copy wrote (not saved at once: a figure, not state). */
    public synchronized void copied(String table, long rows) {
        TableState t = tables.get(table);
        if (t != null && t.phase().copying()) {
            tables.put(table, new TableState(t.phase(), t.signalled(), t.seen(), t.error(), t.key(), t.copied() + rows,
                    t.estimate(), t.stoppedAt()));
        }
    }

    public synchronized void save() {
        try {
            state.saveTablePhases(JSON.writeValueAsString(new Saved(new LinkedHashMap<>(tables), signalTable)));
        } catch (JsonProcessingException e) {
            throw new SystemError("cannot write the stream's table state: " + e.getOriginalMessage(), e);
        }
    }
}
