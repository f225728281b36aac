package io.dtaas.worker;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.ControlMessage;
import io.dtaas.cluster.RedisTrouble;
import io.dtaas.metadata.TableLeases;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XClaimArgs;
import io.quarkus.redis.datasource.stream.XPendingArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The worker's heartbeat, three times per lease: renews its claims on its tables in the metadata database
 * ({@code table_leases.renewed_at}, which also tells it whether it still holds their epochs), registers the
 * worker as alive, resets the idle time of the job entries it owns (an {@code XCLAIM} to itself), and applies
 * stop/pause requests it may have missed. The database part runs even while Redis fails, so a job whose entry
 * Redis lost keeps running and is seen alive. Jobs of dead workers are reclaimed by the {@link JobConsumer}.
 */
@ApplicationScoped
public class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final WorkerInfo info;
    private final Streams streams;
    private final RunningJobs running;
    private final JobHandler handler;
    private final TableLeases leases;
    private final ClusterJson json;
    private final Instant startedAt = Instant.now();
    private final RedisTrouble trouble = new RedisTrouble("heartbeat");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dtaas-lease-keeper").daemon().factory());

    public LeaseKeeper(WorkerInfo info, Streams streams, RunningJobs running, JobHandler handler,
                       TableLeases leases, ClusterJson json) {
        this.info = info;
        this.streams = streams;
        this.running = running;
        this.handler = handler;
        this.leases = leases;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        if (!info.redisConfigured()) {
            return;
        }
        streams.redis(); // created here, on the main thread: concurrent first uses of the client race
        long period = info.beat().toMillis();
        timer.scheduleWithFixedDelay(this::beatSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        if (info.redisConfigured()) {
            try {
                streams.redis().hash(String.class).hdel(streams.keys().workers(), info.id());
                streams.redis().key().del(streams.keys().workerAlive(info.id()));
            } catch (RuntimeException e) {
                LOG.debugf(e, "could not unregister worker %s", info.id());
            }
        }
    }

    private void beatSafely() {
        List<JobRun> runs = List.copyOf(running.all());
        try {
            renewClaims(runs);
        } catch (RuntimeException e) {
            LOG.warnf("cannot renew this worker's claims in the metadata database (%s); retrying", e.getMessage());
        }
        try {
            beat(runs);
            trouble.ok().ifPresent(LOG::info);
        } catch (RuntimeException e) {
            trouble.failed(e).ifPresent(LOG::warn);
        }
    }

    /**
     * Renews the claims of the jobs running here in the metadata database, which is where a claim's liveness is
     * judged (Redis may have lost the jobs' entries); a job whose epoch moved on lost its table to another worker.
     */
    void renewClaims(List<JobRun> runs) {
        for (JobRun run : runs) {
            if (run.leaseKey() != null && run.epoch() > 0
                    && !leases.renew(run.message().job().taskId(), run.leaseKey(), run.epoch())) {
                run.loseLease();
            }
        }
    }

    /** The Redis side of the heartbeat: the registry, stop/pause requests, and the idle time of owned entries. */
    void beat(List<JobRun> runs) {
        ClusterKeys keys = streams.keys();
        register(keys);
        if (runs.isEmpty()) {
            return;
        }
        List<String> renew = new ArrayList<>();
        Set<String> owned = ownedEntries(keys);
        for (JobRun run : runs) {
            if (run.leaseLost()) {
                continue;
            }
            ControlMessage.Action action = handler.requestedAction(run.executionId());
            if (action == ControlMessage.Action.STOP) {
                run.requestStop();
            } else if (action == ControlMessage.Action.PAUSE) {
                run.requestPause();
            }
            // an entry another worker took over is not taken back (its claim in the database decides who runs
            // the table); an entry Redis lost is not needed: the claim keeps the job alive
            if (owned.contains(run.entryId())) {
                renew.add(run.entryId());
            }
        }
        if (!renew.isEmpty()) {
            streams.commands().xclaim(keys.jobs(), ClusterKeys.WORKERS_GROUP, info.id(), Duration.ZERO,
                    new XClaimArgs().justId(), renew.toArray(String[]::new));
        }
    }

    /** The job entries pending under this worker; none when the group is gone (Redis restarted empty). */
    private Set<String> ownedEntries(ClusterKeys keys) {
        Set<String> owned = new HashSet<>();
        try {
            streams.commands().xpending(keys.jobs(), ClusterKeys.WORKERS_GROUP, StreamRange.of("-", "+"), 10_000,
                    new XPendingArgs().consumer(info.id())).forEach(p -> owned.add(p.getMessageId()));
        } catch (RuntimeException e) {
            if (!RedisTrouble.groupMissing(e)) {
                throw e;
            }
        }
        return owned;
    }

    private void register(ClusterKeys keys) {
        io.dtaas.cluster.WorkerInfo self = new io.dtaas.cluster.WorkerInfo(info.id(), hostName(),
                ManagementFactory.getRuntimeMXBean().getPid(), info.slots(), running.count(), startedAt, Instant.now());
        streams.redis().hash(String.class).hset(keys.workers(), info.id(), json.write(self));
        streams.redis().value(String.class).psetex(keys.workerAlive(info.id()), info.lease().toMillis(), "1");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
