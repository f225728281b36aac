package io.dtaas.worker;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.ControlMessage;
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
 * The worker's heartbeat, three times per lease: registers the worker as alive, renews the claims on the
 * jobs it runs (an {@code XCLAIM} to itself resets their idle time), checks it still holds its tables'
 * epochs, and applies stop/pause requests it may have missed. Jobs of dead workers are reclaimed by the
 * {@link JobConsumer}.
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
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat failed (%s); retrying", e.getMessage());
        }
    }

    void beat() {
        ClusterKeys keys = streams.keys();
        register(keys);
        List<JobRun> runs = List.copyOf(running.all());
        if (runs.isEmpty()) {
            return;
        }
        // entries another worker took over (this one stalled past the lease) are lost, not renewed
        Set<String> owned = new HashSet<>();
        streams.commands().xpending(keys.jobs(), ClusterKeys.WORKERS_GROUP, StreamRange.of("-", "+"), 10_000,
                new XPendingArgs().consumer(info.id())).forEach(p -> owned.add(p.getMessageId()));
        List<String> renew = new ArrayList<>();
        for (JobRun run : runs) {
            if (!owned.contains(run.entryId()) || heldByAnother(run)) {
                run.loseLease();
                continue;
            }
            renew.add(run.entryId());
            ControlMessage.Action action = handler.requestedAction(run.executionId());
            if (action == ControlMessage.Action.STOP) {
                run.requestStop();
            } else if (action == ControlMessage.Action.PAUSE) {
                run.requestPause();
            }
        }
        if (!renew.isEmpty()) {
            streams.commands().xclaim(keys.jobs(), ClusterKeys.WORKERS_GROUP, info.id(), Duration.ZERO,
                    new XClaimArgs().justId(), renew.toArray(String[]::new));
        }
    }

    private boolean heldByAnother(JobRun run) {
        return run.leaseKey() != null && run.epoch() > 0
                && !leases.holds(run.message().job().taskId(), run.leaseKey(), run.epoch());
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
