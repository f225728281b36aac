package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DtaasException;
import io.dtaas.job.TransferConfig;
import io.dtaas.transform.Pipeline;
import io.dtaas.transform.TransformContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** One table of a full load: prepare the target, plan chunks, move the ones not yet checkpointed, finish. */
final class TableLoad {

    /** How the table ended: interrupted by stop/pause, or failed with a message naming task, table and chunk. */
    record Outcome(boolean interrupted, String error) {
    }

    private final Source source;
    private final Destination destination;
    private final TransferConfig config;
    private final FullLoad.TaskContext task;
    private final CheckpointStore checkpoints;
    private final RunControl control;
    private final ProgressTracker progress;
    private final TableRef table;
    private final RetryPolicy retry;
    private final Function<TableRef, TableRef> targets;

    TableLoad(Source source, Destination destination, TransferConfig config, FullLoad.TaskContext task,
              CheckpointStore checkpoints, RunControl control, ProgressTracker progress, TableRef table,
              Function<TableRef, TableRef> targets) {
        this.targets = targets;
        this.source = source;
        this.destination = destination;
        this.config = config;
        this.task = task;
        this.checkpoints = checkpoints;
        this.control = control;
        this.progress = progress;
        this.table = table;
        this.retry = RetryPolicy.of(config);
    }

    Outcome run() {
        TableSchema[] described = new TableSchema[1];
        try {
            return run(described);
        } finally {
            if (described[0] != null) {
                source.release(described[0].table()); // e.g. the snapshot its page chunks read
            }
        }
    }

    private Outcome run(TableSchema[] described) {
        String name = table.toString();
        try {
            String query = customQuery();
            // a database restarting around the load is ridden through here as in the chunks
            Retrier retrier = new Retrier(retry, control, progress);
            TableSchema schema = retrier.call("describing " + table,
                    () -> query == null ? source.describe(table) : source.describeQuery(table, query));
            described[0] = schema;
            Pipeline pipeline = config.transformationsFor(table).bind(schema, TransformContext.run(task.variables()));
            TableSchema output = pipeline.output();
            TableRef target = targets.apply(schema.table());
            List<Chunk> planned = query == null
                    ? retrier.call("planning " + table, () -> TransformedChunks.plan(source, schema, pipeline,
                            config.chunkRows(), destination.replacesChunksByIdentity()))
                    : List.of(new Chunk(schema.table(), 0, 1, new io.dtaas.connect.ChunkBounds.Query(query)));
            ChunkPlanNote plan = ChunkPlanNote.of(schema, planned, destination);
            List<Chunk> chunks = plan.chunks();
            String fingerprint = fingerprint(target, chunks);
            OneSnapshotResume resume = OneSnapshotResume.of(chunks, fingerprint, fingerprint(target, List.of()),
                    checkpoints, task.taskId(), name);
            Set<Integer> done = resume.done();
            // a resumed table continues the earlier attempt's run: its chunks are replaced, kept or redone by index
            retrier.run("preparing " + target, () -> destination.prepare(output, target, config.writeMode(),
                    !resume.committed().isEmpty()));
            // chunks this execution committed under an earlier claim count as its own rows (exact records)
            long carried = done.isEmpty() ? 0 : checkpoints.rowsCarried(task.taskId(), name, resume.rowsKey());
            List<Chunk> pending = chunks.stream().filter(c -> !done.contains(c.index())).toList();
            if (pending.isEmpty() && carried == 0) {
                // an earlier execution finished it: shown with its rows, counted as that execution's
                progress.tableSkipped(name, chunks.size(), checkpoints.rowsDone(task.taskId(), name, resume.rowsKey()));
                destination.complete(output, target, config.writeMode());
                return new Outcome(false, null);
            }
            progress.tableStarted(name, chunks.size(), done.size(), carried, resume.note(plan.note()));
            LongAdder rows = new LongAdder();
            Outcome outcome = moveChunks(schema, pipeline, target, pending, resume.chunkKey(), rows);
            if (outcome.interrupted() || outcome.error() != null) {
                progress.tableFinished(name, outcome.error() != null ? "failed" : "interrupted", outcome.error());
                return outcome;
            }
            // not retried: a swap whose commit was lost on the way back cannot tell whether it happened
            destination.complete(output, target, config.writeMode());
            if (resume.marksFinished()) {
                // every chunk holds this attempt's snapshot, completed: a later resume skips the table whole
                try {
                    checkpoints.markCompleted(task.taskId(), name, resume.rowsKey(), 0, rows.sum());
                } catch (RuntimeException e) { // e.g. the table's lease went to another worker
                    String error = "task " + task.taskName() + ", table " + name + ": " + e.getMessage();
                    progress.tableFinished(name, "failed", error);
                    return new Outcome(false, error);
                }
            }
            progress.tableFinished(name, "completed", null);
            return outcome;
        } catch (DtaasException e) {
            if (control.stopRequested() || control.pauseRequested()) {
                progress.tableFinished(name, "interrupted", null); // stopped while retrying
                return new Outcome(true, null);
            }
            String error = "task " + task.taskName() + ", table " + name + ": " + e.getMessage();
            progress.tableFinished(name, "failed", error);
            return new Outcome(false, error);
        }
    }

    /** The task's custom SELECT for this table, keyed {@code schema.table} or just {@code table}. */
    private String customQuery() {
        String sql = config.queries().get(table.toString());
        return sql != null ? sql : config.queries().get(table.name());
    }

    private Outcome moveChunks(TableSchema schema, Pipeline pipeline, TableRef target, List<Chunk> pending,
                               String fingerprint, LongAdder rows) {
        int threads = Math.max(1, Math.min(config.maxParallelChunks(), pending.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().daemon().name("dtaas-chunk-" + table.name() + "-", 0).factory());
        ChunkFailures failures = new ChunkFailures("task " + task.taskName() + ", table " + table);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Chunk chunk : pending) {
                futures.add(pool.submit(() -> failures.any()
                        ? failures.skipped(chunk) // a failed table is reported now, not after every chunk's budget
                        : moveChunk(schema, pipeline, target, chunk, fingerprint, failures, rows)));
            }
            boolean interrupted = false;
            for (Future<Outcome> f : futures) {
                interrupted |= f.get().interrupted();
            }
            return new Outcome(interrupted, failures.message());
        } catch (ExecutionException e) {
            return new Outcome(false, "task " + task.taskName() + ", table " + table + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(true, null);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Moves one chunk, retrying transient failures within the task's time budget (each retry is recorded on the
     * execution); a chunk that fails for good is added to {@code failures}, which makes chunks not started yet skip.
     */
    private Outcome moveChunk(TableSchema schema, Pipeline pipeline, TableRef target, Chunk chunk, String fingerprint,
                              ChunkFailures failures, LongAdder rows) {
        String where = "chunk " + (chunk.index() + 1) + "/" + chunk.count();
        RetryPolicy.Attempts attempts = retry.start();
        while (true) {
            if (control.stopRequested() || control.pauseRequested()) {
                return new Outcome(true, null);
            }
            try {
                ChunkTransfer transfer = new ChunkTransfer(source, destination, schema, pipeline, target, chunk,
                        TransformedChunks.asWritten(chunk, pipeline), config.writeMode(), config.batchSize(), control,
                        progress);
                ChunkTransfer.Outcome o = transfer.attempt();
                if (o == ChunkTransfer.Outcome.INTERRUPTED) {
                    return new Outcome(true, null);
                }
                checkpoints.markCompleted(task.taskId(), table.toString(), fingerprint, chunk.index(),
                        transfer.committedRows());
                rows.add(transfer.committedRows());
                return new Outcome(false, null);
            } catch (RuntimeException e) {
                Optional<Duration> backoff = attempts.next(e);
                if (backoff.isEmpty()) {
                    String retried = attempts.retries() == 0 ? "" : " (after " + attempts.retries() + " retries)";
                    failures.failed(chunk, e.getMessage() + retried);
                    return new Outcome(false, null);
                }
                progress.retrying("table " + table + ", " + where + ": " + e.getMessage());
                if (!control.sleep(backoff.get())) {
                    return new Outcome(true, null);
                }
            }
        }
    }

    /**
     * Identifies the plan: same target, write mode, chunk bounds and transformations give the same fingerprint
     * (changed transformations must not resume on chunks written the old way).
     */
    private String fingerprint(TableRef target, List<Chunk> chunks) {
        StringBuilder s = new StringBuilder(target + "|" + config.writeMode());
        Object transformations = config.transformations().get(table.toString());
        s.append('|').append(transformations != null ? transformations : config.transformations().get(table.name()));
        chunks.forEach(c -> s.append('|').append(c.bounds()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
