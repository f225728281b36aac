package io.dtaas.controlplane.validation;

import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.controlplane.live.LiveUpdates;
import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.data.TableRef;
import io.dtaas.engine.RunControl;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.cdc.CdcRun;
import io.dtaas.cdc.FileStreamState;
import io.dtaas.cdc.RedisCdcStorage;
import io.dtaas.cdc.RedisStreamState;
import io.dtaas.cdc.StreamState;
import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.validate.ChangeStreamFence;
import io.dtaas.validate.StreamFence;
import io.dtaas.validate.TableReport;
import io.dtaas.validate.ValidationRun;
import io.dtaas.validate.Verdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs validations on a small pool of their own (so they never take a load's slot), records each table's report as
 * it is done and publishes it on {@code /ws}. A validation reads the destination through its connector's reader, or
 * its stored files (file targets); a destination that can be read neither way gets a {@code not_comparable} report.
 */
@ApplicationScoped
public class ValidationWorker {

    /** Differing keys shown with their values, per table. */
    static final int SAMPLE_LIMIT = 20;
    /** How long a streaming task's validation waits for the stream to apply what the source committed. */
    static final java.time.Duration STREAM_WAIT = java.time.Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(ValidationWorker.class);

    private final LiveUpdates live;
    private final ClusterMode cluster;
    private final Path cdcState;
    private final Optional<String> redisUrl;
    private final ExecutorService pool = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().daemon().name("dtaas-validate-", 0).factory());

    public ValidationWorker(LiveUpdates live, ClusterMode cluster,
                            @ConfigProperty(name = "dtaas.cdc.state-dir") Path cdcState,
                            @ConfigProperty(name = "dtaas.redis.url") Optional<String> redisUrl) {
        this.live = live;
        this.cluster = cluster;
        this.cdcState = cdcState;
        this.redisUrl = redisUrl;
    }

    void submit(long id, ValidationService.TaskSnapshot task, List<TableRef> tables, ValidationRun.Options options,
                AtomicBoolean stop, Runnable done) {
        pool.submit(() -> {
            try {
                run(id, task, tables, options, stop);
            } finally {
                done.run();
            }
        });
    }

    private void run(long id, ValidationService.TaskSnapshot task, List<TableRef> tables, ValidationRun.Options options,
                     AtomicBoolean stop) {
        RunControl control = new RunControl() {
            @Override
            public boolean stopRequested() {
                return stop.get();
            }

            @Override
            public boolean pauseRequested() {
                return false;
            }
        };
        List<TableReport> reports = new ArrayList<>();
        try (Source source = task.source().connector().source(task.source().values());
             Source target = targetReader(task);
             Destination destination = task.destination().connector().destination(task.destination().values())) {
            ValidationRun run = new ValidationRun(source, target, destination, task.config()).streaming(fence(task));
            reports = run.run(tables, options, control, new ValidationRun.Listener() {
                @Override
                public void tableStarted(String table) {
                    publish(id, "table_started", table, null);
                }

                @Override
                public void tableDone(TableReport report) {
                    record(id, report);
                    publish(id, "table_done", report.table(), report);
                }
            });
            finish(id, stop.get() ? "stopped" : "completed", stop.get() ? null : verdict(reports), null);
        } catch (DtaasException e) {
            finish(id, "failed", null, "task " + task.name() + ": " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // a missing class too: the run must end, never stay "running" (the pool would swallow the error)
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "validation %d of task %d failed unexpectedly, reference %s", id, task.id(), reference);
            finish(id, "failed", null, "task " + task.name() + ": unexpected error; the server log has the details under "
                    + reference);
        }
    }

    /**
     * A streaming task's consistent point: its source's positions, waited for at most {@link #STREAM_WAIT} each time
     * (docs/validation.md, "Streaming tasks"). A binlog stream's applied position is its committed offset, read
     * where the stream keeps it: the data dir in standalone mode, Redis in distributed mode.
     */
    private StreamFence fence(ValidationService.TaskSnapshot task) {
        if (!task.streaming()) {
            return StreamFence.NONE;
        }
        StreamState state = streamState(task.id());
        return task.source().connector().changeCapture().<StreamFence>map(capture -> new ChangeStreamFence(capture,
                task.source().values(), CdcRun.streamId(task.id()), state::committedOffsets, STREAM_WAIT))
                .orElse(StreamFence.NONE);
    }

    /** Where the task's stream keeps its state, as the engine's hosts place it (EngineTransferRunner, JobHandler). */
    private StreamState streamState(long taskId) {
        Path local = cdcState.resolve("task-" + taskId);
        if (cluster.distributed()) {
            return new RedisStreamState(RedisCdcStorage.of(redisUrl.orElseThrow(), cluster.keys().prefix()),
                    CdcRun.streamId(taskId), local);
        }
        return new FileStreamState(local);
    }

    /** The destination opened as a source, or null when its type cannot be read back. */
    private static Source targetReader(ValidationService.TaskSnapshot task) {
        try {
            return task.destination().connector().source(task.destination().values());
        } catch (ConfigError e) {
            return null;
        }
    }

    static String verdict(List<TableReport> reports) {
        if (reports.stream().anyMatch(r -> r.verdict() == Verdict.DIFFERENT)) {
            return Verdict.DIFFERENT.wireName();
        }
        return reports.stream().allMatch(r -> r.verdict() == Verdict.NOT_COMPARABLE)
                ? Verdict.NOT_COMPARABLE.wireName() : Verdict.EQUAL.wireName();
    }

    private void record(long id, TableReport report) {
        QuarkusTransaction.requiringNew().run(() -> {
            ValidationEntity v = ValidationEntity.findById(id);
            List<java.util.Map<String, Object>> tables = new ArrayList<>(v.tables == null ? List.of() : v.tables);
            tables.add(ValidationJson.toJson(report));
            v.tables = tables;
        });
    }

    private void finish(long id, String status, String verdict, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            ValidationEntity v = ValidationEntity.findById(id);
            v.status = status;
            v.verdict = verdict;
            v.errorMessage = error;
            v.finishedAt = StoredTime.now();
        });
        publish(id, "finished", null, null);
    }

    private void publish(long id, String event, String table, TableReport report) {
        ValidationEntity v = QuarkusTransaction.requiringNew().call(() -> ValidationEntity.findById(id));
        live.send(v.taskId, ValidationMessage.of(v, event, table, report));
    }

    /**
     * Validations run in the control-plane process (both modes), so any a previous process left under way is over:
     * marked failed, so that the task can be validated again.
     */
    void onStart(@Observes StartupEvent event) {
        Instant processStart = StoredTime.now();
        int settled = QuarkusTransaction.requiringNew().call(() -> ValidationEntity.update(
                "status = 'failed', errorMessage = ?1, finishedAt = ?2 where status = 'running' and createdAt < ?2",
                "interrupted by a control-plane restart; validate again", processStart));
        if (settled > 0) {
            LOG.warnf("marked %d validation(s) left under way by a previous process as failed", settled);
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
