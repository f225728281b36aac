package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.JobMessage;
import io.dtaas.cluster.RedisTrouble;
import io.dtaas.controlplane.execution.ExecutionLedger;
import io.dtaas.controlplane.execution.ExecutionRecorder;
import io.dtaas.data.TableRef;
import io.dtaas.error.SystemError;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.metadata.ExecutionTable;
import io.dtaas.metadata.TableLeases;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Distributed mode: every {@code dtaas.reconcile.interval}, compares what active executions owe (the metadata
 * database) with what is still queued or running (Redis entries, claims renewed by workers) and repairs the
 * difference ({@link Reconciliation}): jobs Redis lost (restarted empty) are queued again from the job recorded at
 * dispatch; executions whose tables all ended but whose last report was lost are ended from the records; a stop
 * that Redis lost is set again, and tables lost while stopping end as stopped. A pass does nothing while Redis does
 * not answer: it cannot tell what is queued. Workers' checkpoints make a re-run skip committed chunks, and table
 * leases' fencing epochs keep a job that was in fact still running from writing twice.
 */
@ApplicationScoped
public class ExecutionReconciler {

    private static final Logger LOG = Logger.getLogger(ExecutionReconciler.class);

    private final ClusterMode mode;
    private final ClusterStreams cluster;
    private final DataSource metadata;
    private final ExecutionLedger ledger;
    private final TableLeases leases;
    private final DispatchedJobs jobs;
    private final RedisJobDispatcher dispatcher;
    private final ExecutionRecorder recorder;
    private final ProgressConsumer consumer;
    private final Duration interval;
    private final Duration lease;
    private final Duration grace;
    private final Reconciliation.LostSince lostSince;
    private final RedisTrouble trouble = new RedisTrouble("look up queued jobs");
    private final Set<Long> unknownJobs = new HashSet<>();
    private final AtomicLong requeued = new AtomicLong();
    private volatile Instant lastPass;
    private ScheduledExecutorService timer;

    public ExecutionReconciler(ClusterMode mode, ClusterStreams cluster, DataSource metadata, ExecutionLedger ledger,
                               TableLeases leases, DispatchedJobs jobs, RedisJobDispatcher dispatcher,
                               ExecutionRecorder recorder, ProgressConsumer consumer,
                               @ConfigProperty(name = "dtaas.reconcile.interval", defaultValue = "5s") Duration interval,
                               @ConfigProperty(name = "dtaas.worker.lease", defaultValue = "15s") Duration lease,
                               @ConfigProperty(name = "dtaas.reconcile.grace") Optional<Duration> grace) {
        this.mode = mode;
        this.cluster = cluster;
        this.metadata = metadata;
        this.ledger = ledger;
        this.leases = leases;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.recorder = recorder;
        this.consumer = consumer;
        this.interval = interval;
        this.lease = lease;
        // two leases: longer than any hand-over between a job's entry and its claim
        this.grace = grace.orElse(lease.multipliedBy(2));
        this.lostSince = new Reconciliation.LostSince(this.grace);
    }

    void onStart(@Observes StartupEvent event) {
        if (!mode.distributed()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dtaas-reconciler").daemon().factory());
        timer.scheduleWithFixedDelay(this::passSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Jobs queued again since this process started. */
    public long requeued() {
        return requeued.get();
    }

    /** When the last complete pass ended; null before the first. */
    public Instant lastPass() {
        return lastPass;
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warnf(e, "reconciling executions failed; trying again in %s", interval);
        }
    }

    /** One pass over the active executions. */
    void pass() {
        List<Active> active = activeExecutions();
        if (active.isEmpty()) {
            lostSince.endPass();
            lastPass = Instant.now();
            return;
        }
        Map<Long, Set<String>> queued;
        try {
            queued = queuedJobs();
            trouble.ok().ifPresent(LOG::info);
        } catch (RuntimeException e) {
            trouble.failed(e).ifPresent(LOG::warn);
            return; // without Redis nothing tells what is queued; lost-since clocks keep running
        }
        Instant now = Instant.now();
        for (Active a : active) {
            Optional<JobSpec> job = jobs.find(a.id());
            if (job.isEmpty()) {
                // being dispatched (variables still resolving), or dispatched by a version that did not record jobs
                if (a.createdAt().isBefore(now.minus(grace.multipliedBy(2))) && unknownJobs.add(a.id())) {
                    LOG.warnf("execution %d has no recorded job (dispatched by an older version?); it is not"
                            + " reconciled", a.id());
                }
                continue;
            }
            List<ExecutionTable> tables = ledger.recorded(a.id());
            Set<String> alive = leases.alive(a.taskId(), a.id(), lease);
            List<Reconciliation.Step> steps = Reconciliation.decide(a.status(), job.get().kind(), tables,
                    queued.getOrDefault(a.id(), Set.of()), alive, key -> lostSince.lost(a.id(), key, now));
            for (Reconciliation.Step step : steps) {
                apply(a, job.get(), step);
            }
        }
        lostSince.endPass();
        lastPass = Instant.now();
    }

    private void apply(Active a, JobSpec job, Reconciliation.Step step) {
        switch (step) {
            case Reconciliation.RestateStop r -> dispatcher.restateStop(a.id());
            case Reconciliation.Requeue r -> {
                dispatcher.redispatch(job, r.table() == null ? null : TableRef.parse(r.table()));
                if (r.table() != null) {
                    ledger.redispatched(a.id(), r.table());
                }
                lostSince.reset(a.id(), r.table() == null ? Reconciliation.EXECUTION : r.table());
                requeued.incrementAndGet();
                LOG.warnf("execution %d: %s had no job in Redis and no running claim for %s (Redis restarted empty?);"
                        + " queued it again, committed chunks are skipped", a.id(),
                        r.table() == null ? "its " + (job.kind().wireName()) + " job" : "table " + r.table(),
                        lostSinceDescription());
            }
            case Reconciliation.EndLostTable r -> {
                ledger.endLost(a.taskId(), a.id(), r.table(), ExecutionStatus.STOPPED,
                        "its job was lost (Redis restarted empty?) while the execution was stopping");
                LOG.warnf("execution %d: table %s ended as stopped, its job was lost while stopping", a.id(), r.table());
            }
            case Reconciliation.EndStopped r -> recorder.finished(a.taskId(), a.id(), ExecutionStatus.STOPPED,
                    "its job was lost (Redis restarted empty?) while the execution was stopping");
            case Reconciliation.Settle r -> {
                ExecutionLedger.Settlement s = ledger.settle(a.taskId(), a.id());
                if (s.ended() != null) {
                    consumer.forget(a.id());
                    recorder.publish(new ProgressEvent(a.id(), a.taskId(), s.ended(), s.rows(), s.bytes(), 0,
                            s.tables().stream().map(ExecutionTable::progress).toList(), s.error(), Instant.now()));
                    recorder.finished(a.taskId(), a.id(), s.ended(), s.error());
                    LOG.infof("execution %d ended %s from its records (its last report was lost)", a.id(),
                            s.ended().wireName());
                }
            }
        }
    }

    private String lostSinceDescription() {
        return "over " + grace.toMillis() / 1000.0 + " s";
    }

    /** Job entries Redis holds per execution: pending (delivered, not acknowledged) or not yet delivered. */
    Map<Long, Set<String>> queuedJobs() {
        String stream = cluster.keys().jobs();
        List<StreamMessage<String, String, String>> entries = new ArrayList<>();
        for (String id : cluster.pendingIds(stream, ClusterKeys.WORKERS_GROUP)) {
            entries.addAll(cluster.range(stream, id, id));
        }
        Optional<String> delivered = cluster.lastDelivered(stream, ClusterKeys.WORKERS_GROUP);
        entries.addAll(cluster.range(stream, delivered.map(id -> "(" + id).orElse("-"), "+"));
        Map<Long, Set<String>> queued = new HashMap<>();
        for (StreamMessage<String, String, String> m : entries) {
            if (m.payload() == null || m.payload().get(ClusterKeys.FIELD) == null) {
                continue;
            }
            JobMessage message = cluster.decode(m.payload(), JobMessage.class);
            queued.computeIfAbsent(message.job().executionId(), id -> new HashSet<>())
                    .add(message.isPlan() ? Reconciliation.EXECUTION : message.table().toString());
        }
        return queued;
    }

    private record Active(long id, long taskId, ExecutionStatus status, Instant createdAt) {
    }

    private List<Active> activeExecutions() {
        String sql = "SELECT id, task_id, status, created_at FROM executions"
                + " WHERE status IN ('queued', 'running', 'stopping') ORDER BY id";
        try (Connection c = metadata.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<Active> active = new ArrayList<>();
            while (rs.next()) {
                active.add(new Active(rs.getLong(1), rs.getLong(2), ExecutionStatus.fromWire(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()));
            }
            return active;
        } catch (SQLException e) {
            throw new SystemError("cannot read the active executions", e);
        }
    }
}
