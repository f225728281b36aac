package io.dtaas.engine;

import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts rows, bytes and chunks per table from many engine threads and publishes snapshots, at most one per
 * interval while running plus the final one.
 */
public final class ProgressTracker {

    private final long executionId;
    private final long taskId;
    private final ProgressSink sink;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private final Map<String, TableState> tables = new LinkedHashMap<>();
    private long lastPublished;
    private int retries;
    private String lastRetryReason;

    private static final class TableState {
        String state = "pending";
        /** Done by an earlier execution: its rows are shown, not counted in this execution's total. */
        boolean earlier;
        long rows;
        long bytes;
        int chunksDone;
        int chunksTotal;
        String error;
        long rowsRead;
        long rowsFiltered;
        /** A change stream's copy and lag figures (issue 16); null for other executions. */
        StreamFigures stream;
        String note;
    }

    public ProgressTracker(long executionId, long taskId, ProgressSink sink, Duration interval) {
        this.executionId = executionId;
        this.taskId = taskId;
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
    }

    /** Where this tracker publishes (a phase with a tracker of its own may publish there too). */
    public ProgressSink sink() {
        return sink;
    }

    private volatile java.util.function.Supplier<io.dtaas.job.CdcMetrics> cdcMetrics;

    /** A change stream's metrics, read into every snapshot from now on. */
    public void cdcMetrics(java.util.function.Supplier<io.dtaas.job.CdcMetrics> metrics) {
        this.cdcMetrics = metrics;
    }

    public synchronized void tablesSelected(List<String> names) {
        names.forEach(n -> tables.computeIfAbsent(n, k -> new TableState()));
    }

    public synchronized void tableStarted(String table, int chunksTotal, int chunksAlreadyDone, long rowsAlreadyDone) {
        tableStarted(table, chunksTotal, chunksAlreadyDone, rowsAlreadyDone, null);
    }

    /** @param note how the table was split, shown with its progress ({@link TableProgress#note()}); null for none */
    public synchronized void tableStarted(String table, int chunksTotal, int chunksAlreadyDone, long rowsAlreadyDone,
                                          String note) {
        TableState t = tables.computeIfAbsent(table, k -> new TableState());
        t.note = note;
        t.state = "running";
        t.chunksTotal = chunksTotal;
        t.chunksDone = chunksAlreadyDone;
        t.rows = rowsAlreadyDone;
    }

    /** A table an earlier execution finished (all its chunks checkpointed): {@code skipped}, with its rows. */
    public synchronized void tableSkipped(String table, int chunksTotal, long rowsDone) {
        TableState t = tables.computeIfAbsent(table, k -> new TableState());
        t.state = "skipped";
        t.earlier = true;
        t.chunksTotal = chunksTotal;
        t.chunksDone = chunksTotal;
        t.rows = rowsDone;
    }

    /** A table whose change stream starts: running, keeping what was counted for it (its load's rows). */
    public synchronized void tableStreaming(String table) {
        tables.computeIfAbsent(table, k -> new TableState()).state = "running";
    }

    /**
     * A change stream table's phase (issue 16: streaming, backfilling, resyncing, paused, failed), with why it failed
     * and, while it is copied, the rows copied so far.
     */
    public synchronized void tablePhase(String table, String state, String error, StreamFigures figures) {
        TableState t = tables.computeIfAbsent(table, k -> new TableState());
        t.state = state;
        t.error = error;
        t.stream = figures;
    }

    /**
     * A change stream's figures for one table (issue 16), shown as they are; see {@link TableProgress}.
     *
     * @param copied       rows the current online copy wrote; null when not copied
     * @param copyEstimate the rows the copy expects; null when not copied or unknown
     * @param copyPercent  0–99 while copied, 100 streaming, null otherwise
     * @param lagSeconds   how far the table's target is behind the source
     */
    public record StreamFigures(Long copied, Long copyEstimate, Integer copyPercent, Double lagSeconds) {
    }

    /**
     * Counters of an earlier phase of the same execution (a full_load_then_cdc's load), so its figures carry on
     * from there rather than start again at 0.
     */
    public synchronized void carry(List<TableProgress> earlier) {
        for (TableProgress p : earlier) {
            TableState t = tables.computeIfAbsent(p.table(), k -> new TableState());
            t.rows = p.rows();
            t.bytes = p.bytes();
            t.chunksDone = p.chunksDone();
            t.chunksTotal = p.chunksTotal();
            t.rowsRead = p.rowsRead();
            t.rowsFiltered = p.rowsFiltered();
            t.note = p.note();
        }
    }

    public void rowsWritten(String table, long rows) {
        synchronized (this) {
            tables.get(table).rows += rows;
        }
        publishIfDue();
    }

    /** A chunk committed; its bytes are counted now (writers know them only at the end). */
    public synchronized void chunkCommitted(String table, long bytes) {
        TableState t = tables.get(table);
        t.chunksDone++;
        t.bytes += bytes;
    }

    /** A committed chunk read {@code read} source rows and wrote {@code written}: the rest were filtered out. */
    public synchronized void chunkRead(String table, long read, long written) {
        TableState t = tables.get(table);
        t.rowsRead += read;
        t.rowsFiltered += Math.max(0, read - written);
    }

    /** A chunk's rows were rolled back (a retry will write them again). */
    public synchronized void rowsDiscarded(String table, long rows) {
        tables.get(table).rows -= rows;
    }

    /** A transient failure is being retried; the sink records it on the execution. */
    public void retrying(String reason) {
        synchronized (this) {
            retries++;
            lastRetryReason = reason;
        }
        try {
            sink.retrying(taskId, executionId, reason);
        } catch (RuntimeException e) {
            // like a lost progress write: the record misses a retry, the transfer goes on
        }
    }

    public synchronized void tableFinished(String table, String state, String error) {
        TableState t = tables.get(table);
        t.state = state;
        t.error = error;
    }

    public void publishIfDue() {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastPublished < intervalNanos) {
                return;
            }
            lastPublished = now;
        }
        sink.publish(snapshot(ExecutionStatus.RUNNING, null));
    }

    public void publishFinal(ExecutionStatus status, String error) {
        sink.publish(snapshot(status, error));
    }

    public synchronized long totalRows() {
        return tables.values().stream().filter(t -> !t.earlier).mapToLong(t -> t.rows).sum();
    }

    public synchronized ProgressEvent snapshot(ExecutionStatus status, String error) {
        List<TableProgress> list = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        for (Map.Entry<String, TableState> e : tables.entrySet()) {
            TableState t = e.getValue();
            StreamFigures f = t.stream;
            list.add(new TableProgress(e.getKey(), t.state, t.rows, t.bytes, t.chunksDone, t.chunksTotal, t.error,
                    t.rowsRead, t.rowsFiltered, t.note, f == null ? null : f.copied(), f == null ? null : f.copyEstimate(),
                    f == null ? null : f.copyPercent(), f == null ? null : f.lagSeconds()));
            if (!t.earlier) {
                rows += t.rows;
                bytes += t.bytes;
            }
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return new ProgressEvent(executionId, taskId, status, rows, bytes, rows / seconds, list, error, Instant.now(),
                cdcMetrics == null ? null : cdcMetrics.get(), retries, lastRetryReason);
    }
}
