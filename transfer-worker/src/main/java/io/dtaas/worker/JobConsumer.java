package io.dtaas.worker;

import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.JobMessage;
import io.dtaas.cluster.RedisTrouble;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Takes jobs from {@link ClusterKeys#jobs()} (consumer group {@code workers}) while slots are free, and runs
 * each on its own thread: first, once per heartbeat, jobs of dead workers (entries idle longer than the lease),
 * then new ones. Slots are reserved before reading, so this worker never takes more jobs than MAX_WORKERS. On SIGTERM every running job is asked to end at its next batch and handed back to the queue.
 */
@ApplicationScoped
public class JobConsumer {

    private static final Logger LOG = Logger.getLogger(JobConsumer.class);

    private final WorkerInfo info;
    private final Streams streams;
    private final RunningJobs running;
    private final JobHandler handler;
    private final Duration shutdownGrace;
    private final Semaphore slots;
    private final RedisTrouble trouble = new RedisTrouble("read jobs");
    private final ExecutorService pool = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("dtaas-job-", 0).factory());
    private volatile boolean closing;
    private long nextReclaim;
    private Thread reader;

    public JobConsumer(WorkerInfo info, Streams streams, RunningJobs running, JobHandler handler,
                       @ConfigProperty(name = "dtaas.shutdown-grace", defaultValue = "20s") Duration shutdownGrace) {
        this.info = info;
        this.streams = streams;
        this.running = running;
        this.handler = handler;
        this.shutdownGrace = shutdownGrace;
        this.slots = new Semaphore(info.slots());
    }

    void onStart(@Observes StartupEvent event) {
        if (!info.redisConfigured()) {
            LOG.warn("REDIS_URL is not set: this worker takes no jobs");
            return;
        }
        streams.ensureGroup(streams.keys().jobs(), ClusterKeys.WORKERS_GROUP);
        reader = Thread.ofPlatform().name("dtaas-job-reader").start(this::readLoop);
        LOG.infof("worker %s takes jobs from %s with %d slot(s)", info.id(), streams.keys().jobs(), info.slots());
    }

    private void readLoop() {
        while (!closing) {
            int reserved = reserve();
            if (reserved == 0) {
                pause(Duration.ofMillis(200));
                continue;
            }
            int started = 0;
            try {
                if (System.nanoTime() >= nextReclaim) {
                    nextReclaim = System.nanoTime() + info.beat().toNanos();
                    started += reclaim(reserved);
                }
                if (started < reserved) {
                    List<StreamMessage<String, String, String>> messages = streams.commands().xreadgroup(
                            ClusterKeys.WORKERS_GROUP, info.id(), streams.keys().jobs(), ">",
                            new XReadGroupArgs().count(reserved - started).block(Duration.ofSeconds(1)));
                    for (StreamMessage<String, String, String> m : messages) {
                        start(m.id(), streams.decode(m.payload(), JobMessage.class));
                        started++;
                    }
                }
                trouble.ok().ifPresent(LOG::info);
            } catch (RuntimeException e) {
                if (!closing && !recreated(e)) {
                    trouble.failed(e).ifPresent(LOG::warn);
                    pause(Duration.ofSeconds(1));
                }
            } finally {
                slots.release(reserved - started);
            }
        }
    }

    /** The jobs group vanished (Redis restarted empty): recreate it and read on at once. */
    private boolean recreated(RuntimeException e) {
        try {
            return streams.recreateIfGone(e, streams.keys().jobs(), ClusterKeys.WORKERS_GROUP);
        } catch (RuntimeException again) {
            return false;
        }
    }

    /** Reserves every free slot; the caller releases what it does not use. */
    private int reserve() {
        return closing ? 0 : slots.drainPermits();
    }

    /**
     * Takes over jobs of workers silent for longer than the lease ({@code XAUTOCLAIM}), at most {@code max}.
     * Done by the reader between reads, so reclaiming never competes with reading for this worker's slots.
     *
     * @return how many jobs it started
     */
    private int reclaim(int max) {
        ClusterKeys keys = streams.keys();
        int started = 0;
        String cursor = "0-0";
        do {
            ClaimedMessages<String, String, String> claimed = streams.commands().xautoclaim(keys.jobs(),
                    ClusterKeys.WORKERS_GROUP, info.id(), info.lease(), cursor, max - started);
            for (StreamMessage<String, String, String> m : claimed.getMessages()) {
                if (m.payload() == null || m.payload().get(ClusterKeys.FIELD) == null) {
                    continue; // trimmed away while pending
                }
                LOG.infof("reclaimed job %s from a silent worker", m.id());
                start(m.id(), streams.decode(m.payload(), JobMessage.class));
                started++;
            }
            cursor = claimed.getId();
        } while (started < max && !"0-0".equals(cursor));
        return started;
    }

    /** Runs a job on a slot the caller reserved. */
    private void start(String entryId, JobMessage message) {
        JobRun run = new JobRun(entryId, message);
        running.add(run);
        pool.execute(() -> {
            try {
                handler.handle(run);
            } catch (RuntimeException | Error e) {
                // left pending: another worker reclaims it after the lease, and resumes from checkpoints
                LOG.errorf(e, "job %s of execution %d failed in the worker", entryId, run.executionId());
            } finally {
                running.remove(run);
                slots.release();
            }
        });
    }

    boolean closing() {
        return closing;
    }

    void onStop(@Observes ShutdownEvent event) {
        closing = true;
        running.all().forEach(JobRun::handOff);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d job(s) did not reach a batch boundary within %s; other workers reclaim them after the lease",
                        running.count(), shutdownGrace);
            }
            if (reader != null) {
                reader.join(Duration.ofSeconds(3));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
