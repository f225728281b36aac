package io.dtaas.cdc;

import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.cdc.TablePhases.Phase;
import io.dtaas.cdc.TablePhases.TableState;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.Retrier;
import io.dtaas.error.DtaasException;
import io.dtaas.error.TransientError;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a change stream does per table between the engine and the sink (issue 16), on the engine thread:
 * <ul>
 *   <li>applies each table's changes of a batch on their own, so a table whose change the destination refuses
 *       (a constraint, a value that does not fit, a dropped target table) goes {@code failed} with the reason and
 *       the change's key while the others are applied; its later changes are dropped until it is resumed or
 *       resynced (which copies it again, so nothing needs holding);</li>
 *   <li>drops the changes of paused and failed tables (nothing is buffered);</li>
 *   <li>follows the incremental snapshots (Debezium's DBLog-style chunked copies) in the offsets of each batch:
 *       a table being copied is {@code backfilling}/{@code resyncing} until the offsets no longer list it.</li>
 * </ul>
 * Phase changes are saved before the batch's offsets are committed (the caller commits after {@link #observe}).
 */
public final class TableLifecycle {

    /** Debezium's offset field listing the tables an incremental snapshot still has to copy. */
    static final String SNAPSHOT_COLLECTIONS = "incremental_snapshot_collections";

    private final TablePhases phases;
    private final ChangeSink sink;
    private final Retrier retrier;
    private final Function<TableRef, TableSchema> schemaOf;

    public TableLifecycle(TablePhases phases, ChangeSink sink, Retrier retrier, Function<TableRef, TableSchema> schemaOf) {
        this.phases = phases;
        this.sink = sink;
        this.retrier = retrier;
        this.schemaOf = schemaOf;
    }

    public TablePhases phases() {
        return phases;
    }

    /** Applies a batch table by table; returns the changes applied (those of paused and failed tables are not). */
    List<ChangeEvent> apply(List<ChangeEvent> events) {
        Map<TableRef, List<ChangeEvent>> byTable = new LinkedHashMap<>();
        for (ChangeEvent e : events) {
            Phase phase = phases.phase(e.table().toString());
            if (phase == null || phase.applies()) {
                byTable.computeIfAbsent(e.table(), t -> new ArrayList<>()).add(e);
            }
        }
        List<ChangeEvent> applied = new ArrayList<>();
        byTable.forEach((table, changes) -> {
            try {
                retrier.run("applying " + changes.size() + " change(s) of " + table, () -> sink.apply(changes));
                applied.addAll(changes);
            } catch (TransientError e) {
                throw e; // the destination is down past the budget: the whole stream fails, its offsets wait
            } catch (DtaasException e) {
                if (interrupted(e)) {
                    throw e; // the engine is stopping (a restart on new tables): the batch is replayed, not refused
                }
                applied.addAll(quarantine(table, changes));
            }
        });
        return applied;
    }

    /**
     * Applies the table's changes one by one up to the first the destination refuses, and fails the table with
     * that change's key and the destination's reason. The changes before it are applied (by key, so harmless).
     */
    private List<ChangeEvent> quarantine(TableRef table, List<ChangeEvent> changes) {
        List<ChangeEvent> applied = new ArrayList<>();
        for (ChangeEvent e : changes) {
            try {
                retrier.run("applying a change of " + table, () -> sink.apply(List.of(e)));
                applied.add(e);
            } catch (TransientError t) {
                throw t;
            } catch (DtaasException refused) {
                if (interrupted(refused)) {
                    throw refused;
                }
                phases.put(table.toString(), TableState.stopped(Phase.FAILED, refused.getMessage(), keyOf(table, e),
                        System.currentTimeMillis()));
                return applied;
            }
        }
        // the batch failed as a whole but each change went through alone: nothing to hold against the table
        return applied;
    }

    /** A failure caused by the engine thread being interrupted (the stream closing), not by the destination. */
    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private String keyOf(TableRef table, ChangeEvent e) {
        TableSchema schema = schemaOf.apply(table);
        Map<String, Object> key = new LinkedHashMap<>();
        if (schema != null && schema.hasPrimaryKey()) {
            schema.primaryKey().forEach(k -> key.put(k, e.values().get(k)));
        }
        return key.toString();
    }

    /**
     * After a batch is applied, before its offsets are committed: notes the tables an incremental snapshot
     * shows in progress and marks those it finished as streaming, counting the rows each copy read.
     */
    void observe(List<SourceRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, TableState> copying = new HashMap<>();
        phases.all().forEach((t, s) -> {
            if (s.phase().copying() && s.signalled()) {
                copying.put(t, s);
            }
        });
        Map<String, Long> reads = new HashMap<>();
        for (SourceRecord r : records) {
            if (r.value() instanceof Struct v && v.schema().field("op") != null && "r".equals(v.getString("op"))) {
                Struct source = v.getStruct("source");
                String schema = source.schema().field("schema") != null ? source.getString("schema") : source.getString("db");
                reads.merge(schema + "." + source.getString("table"), 1L, Long::sum);
            }
        }
        if (copying.isEmpty()) {
            return;
        }
        boolean changed = false;
        for (Map.Entry<String, TableState> c : copying.entrySet()) {
            String table = c.getKey();
            TableState s = c.getValue();
            boolean seen = s.seen() || reads.containsKey(table)
                    || records.stream().anyMatch(r -> listed(r, table));
            boolean done = seen && !listed(records.getLast(), table) && !silentOnCopies(records.getLast());
            long copied = s.copied() + reads.getOrDefault(table, 0L);
            if (done) {
                changed |= phases.replace(table, s, new TableState(Phase.STREAMING, false, false, null, null, copied,
                        s.estimate(), null));
            } else if (seen != s.seen()) {
                changed |= phases.replace(table, s, new TableState(s.phase(), true, true, null, null, copied,
                        s.estimate(), null));
            } else if (copied != s.copied()) {
                phases.copied(table, copied - s.copied()); // saved below: a resumed copy counts on from here
                changed = true;
            }
        }
        if (changed) {
            phases.save();
        }
    }

    /**
     * Whether the record's offset says nothing about incremental snapshots: PostgreSQL's Debezium leaves their
     * fields out of an offset whose position is marked as inside a snapshot ({@code snapshot} set), which it is
     * after a restart in the middle of a copy until the copy ends. Read as "no longer listed", such an offset would
     * end a resumed copy's phase at the restart; the copy is done once an offset without the mark omits the table.
     */
    static boolean silentOnCopies(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (offset == null || offset.get(SNAPSHOT_COLLECTIONS) != null) {
            return false;
        }
        Object snapshot = offset.get("snapshot");
        return snapshot != null && !"false".equalsIgnoreCase(snapshot.toString());
    }

    /** Whether the record's offset lists {@code table} among the incremental snapshot's tables still to copy. */
    private static boolean listed(SourceRecord record, String table) {
        Map<String, ?> offset = record.sourceOffset();
        Object collections = offset == null ? null : offset.get(SNAPSHOT_COLLECTIONS);
        return collections != null && collections.toString().contains("\"" + table + "\"");
    }
}
