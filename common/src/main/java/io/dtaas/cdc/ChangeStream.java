package io.dtaas.cdc;

import io.dtaas.connect.change.UnchangedValue;
import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.connect.change.ChangeSink;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.Retrier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running Debezium engine whose change batches are applied downstream before their offsets are committed:
 * a crash replays at most the batch in flight, and the {@link ChangeSink} makes the replay harmless. Runs on
 * its own thread until {@link #close()}; {@link #outcome()} completes when the engine stops, with the error
 * that stopped it, if any.
 */
public final class ChangeStream implements AutoCloseable {

    /** What the stream tells its owner after each applied batch. */
    public interface Listener {
        /** The changes of one batch, committed downstream (offsets follow). */
        void applied(List<ChangeEvent> changes);

        /** The source commit time of the newest change of a batch just committed (metrics: lag). */
        default void sourceTime(java.time.Instant newest) {
        }

        /** A batch held no change (heartbeats only): the stream is connected and nothing was waiting. */
        default void alive() {
        }
    }

    /** What the stream knows of each table's columns; grows when a change record shows a new shape. */
    private final Map<TableRef, TableSchema> schemas;
    private final ChangeSink applier;
    private final Listener listener;
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("dtaas-cdc").factory());
    private final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    private final AtomicLong applied = new AtomicLong();
    private final Retrier retrier;
    /** How long close() waits for the engine to stop. */
    private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(60);
    /** Per-table application and copies (issue 16); null: the batch is applied as a whole. */
    private TableLifecycle lifecycle;

    /** A stream whose batches are not retried (the first sink failure stops it). */
    public ChangeStream(Properties debezium, Map<TableRef, TableSchema> schemas, ChangeSink applier, Listener listener) {
        this(debezium, schemas, applier, listener, Retrier.NONE);
    }

    /**
     * @param retrier retries a batch the sink failed to apply (a destination restarting): the batch's offsets are
     *                committed only once it is applied, so nothing is lost while it retries
     */
    public ChangeStream(Properties debezium, Map<TableRef, TableSchema> schemas, ChangeSink applier, Listener listener,
                        Retrier retrier) {
        this.retrier = retrier;
        this.schemas = new HashMap<>(schemas);
        this.applier = applier;
        this.listener = listener;
        this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(debezium)
                .notifying(this::handle)
                .using((success, message, error) -> outcome.complete(success ? null
                        : error != null ? error : new IllegalStateException(message)))
                .build();
    }

    /** Applies batches table by table through {@code lifecycle} (paused and failed tables skipped, copies followed). */
    public ChangeStream withLifecycle(TableLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        return this;
    }

    public void start() {
        thread.execute(engine);
    }

    /** Completes when the engine stopped: null when it stopped cleanly, else what stopped it. */
    public CompletableFuture<Throwable> outcome() {
        return outcome;
    }

    public long appliedChanges() {
        return applied.get();
    }

    private void handle(List<RecordChangeEvent<SourceRecord>> records,
                        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> r : records) {
            ChangeEvent e = toEvent(r.record());
            if (e != null) {
                events.add(e);
            }
        }
        if (lifecycle != null) {
            List<ChangeEvent> applied = events.isEmpty() ? events : lifecycle.apply(events);
            events = applied;
            lifecycle.observe(records.stream().map(RecordChangeEvent::record).toList());
        } else if (!events.isEmpty()) {
            List<ChangeEvent> batch = events;
            retrier.run("applying a batch of " + events.size() + " change(s)", () -> applier.apply(batch));
        }
        for (RecordChangeEvent<SourceRecord> r : records) {
            committer.markProcessed(r);
        }
        committer.markBatchFinished();
        if (events.isEmpty()) {
            listener.alive(); // only heartbeats: nothing was waiting, the stream is caught up to now
        }
        if (!events.isEmpty()) {
            applied.addAndGet(events.size());
            listener.sourceTime(records.stream().map(r -> StreamMetrics.sourceTime(r.record()))
                    .filter(java.util.Objects::nonNull).max(java.util.Comparator.naturalOrder()).orElse(null));
            listener.applied(events);
        }
    }

    private ChangeEvent toEvent(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null
                || "m".equals(value.getString("op"))) {
            return null; // heartbeats, tombstones, schema changes, logical messages (PostgreSQL heartbeats)
        }
        Struct source = value.getStruct("source");
        String schemaName = source.schema().field("schema") != null ? source.getString("schema") : source.getString("db");
        TableRef table = new TableRef(schemaName, source.getString("table"));
        TableSchema schema = schemas.get(table);
        if (schema == null) {
            return null;
        }
        ChangeEvent.Op op = switch (value.getString("op")) {
            case "c", "r" -> ChangeEvent.Op.INSERT;
            case "u" -> ChangeEvent.Op.UPDATE;
            case "d" -> ChangeEvent.Op.DELETE;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        // a delete's old row (its key at least; the whole row with REPLICA IDENTITY FULL or a full binlog image)
        Struct before = value.schema().field("before") != null ? value.getStruct("before") : null;
        Struct row = op != ChangeEvent.Op.DELETE ? value.getStruct("after") : before != null ? before : (Struct) record.key();
        if (op != ChangeEvent.Op.DELETE) {
            schema = SchemaChanges.evolved(schema, row.schema()).map(this::evolve).orElse(schema);
        }
        Map<String, Object> values = new HashMap<>();
        String where = "table " + table;
        // a delete keeps its key only: without a full replica identity the log fills the old row's other
        // columns with placeholders ("" for a NOT NULL text), which must not pass for values
        boolean keyOnly = op == ChangeEvent.Op.DELETE && schema.hasPrimaryKey();
        for (Column c : schema.columns()) {
            Field f = row.schema().field(c.name());
            if (f != null && (!keyOnly || schema.primaryKey().contains(c.name()))) {
                Object raw = row.get(f);
                // an UPDATE's unchanged TOASTed value is not in the log: the target keeps its own (issue 16, item 6)
                values.put(c.name(), op == ChangeEvent.Op.UPDATE && UnchangedValue.isPlaceholder(raw)
                        ? UnchangedValue.INSTANCE
                        : DebeziumValues.convert(f.schema(), raw, c.type(), where + ", column " + c.name()));
            }
        }
        Instant sourceTs = source.schema().field("ts_ms") != null && source.getInt64("ts_ms") != null
                ? Instant.ofEpochMilli(source.getInt64("ts_ms")) : null;
        return new ChangeEvent(op, table, values, String.valueOf(record.sourceOffset()), sourceTs);
    }

    /** The table's columns changed at the source: the sink extends its target before this batch is applied. */
    private TableSchema evolve(TableSchema schema) {
        schemas.put(schema.table(), schema);
        applier.evolve(schema);
        return schema;
    }

    @Override
    public void close() {
        // the engine refuses close() while it is still starting: ask again until it stops, then wait for it, so a
        // stream restarted on new tables never runs beside this one (same slot, same JMX names)
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            while (!outcome.isDone()) {
                try {
                    engine.close();
                    break;
                } catch (IllegalStateException notRunningYet) {
                    if (System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(100);
                }
            }
            outcome.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // outcome() says why, or the engine is slow to stop; the thread below goes away with it
        } finally {
            thread.shutdown();
        }
    }
}
