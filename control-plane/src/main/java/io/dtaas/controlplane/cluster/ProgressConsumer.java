package io.dtaas.controlplane.cluster;

import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.WorkerReport;
import io.dtaas.controlplane.execution.ExecutionEntity;
import io.dtaas.controlplane.execution.ExecutionRecorder;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Distributed mode: reads the workers' reports (consumer group {@code control-plane}), folds them per
 * execution ({@link ExecutionTally}) and hands the result to the execution recorder, which stores it and pushes
 * it to {@code /ws}. A report is acknowledged once folded; after a restart the group's pending entries are read
 * again first, so none is lost.
 */
@ApplicationScoped
public class ProgressConsumer implements ExecutionTally.Outlet {

    private static final Logger LOG = Logger.getLogger(ProgressConsumer.class);
    /** One consumer name: a single control-plane reads the group, and re-reads its own pending entries on restart. */
    private static final String CONSUMER = "control-plane";

    private final ClusterMode mode;
    private final ClusterStreams cluster;
    private final ExecutionRecorder recorder;
    private final ExecutionTally tally = new ExecutionTally(this);
    private volatile boolean closing;
    private Thread reader;

    public ProgressConsumer(ClusterMode mode, ClusterStreams cluster, ExecutionRecorder recorder) {
        this.mode = mode;
        this.cluster = cluster;
        this.recorder = recorder;
    }

    void onStart(@Observes StartupEvent event) {
        if (!mode.distributed()) {
            return;
        }
        cluster.ensureGroup(cluster.keys().progress(), ClusterKeys.PROGRESS_GROUP);
        cluster.ensureGroup(cluster.keys().jobs(), ClusterKeys.WORKERS_GROUP);
        cluster.ensureGroup(cluster.keys().requests(), ClusterKeys.WORKERS_GROUP);
        reader = Thread.ofPlatform().name("dtaas-progress-reader").start(this::readLoop);
    }

    void onStop(@Observes ShutdownEvent event) {
        closing = true;
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop() {
        String from = "0"; // first this consumer's own pending entries, then new ones
        while (!closing) {
            try {
                List<StreamMessage<String, String, String>> messages = cluster.streams().xreadgroup(
                        ClusterKeys.PROGRESS_GROUP, CONSUMER, cluster.keys().progress(), from,
                        new XReadGroupArgs().count(500).block(Duration.ofSeconds(1)));
                if (messages.isEmpty() && from.equals("0")) {
                    from = ">";
                }
                for (StreamMessage<String, String, String> m : messages) {
                    fold(m);
                }
            } catch (RuntimeException e) {
                if (!closing) {
                    LOG.warnf("cannot read worker reports from Redis (%s); retrying", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void fold(StreamMessage<String, String, String> m) {
        try {
            Map<String, String> payload = m.payload();
            if (payload != null && payload.get(ClusterKeys.FIELD) != null) {
                tally.accept(cluster.decode(payload, WorkerReport.class));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not record worker report %s", m.id());
        }
        cluster.streams().xack(cluster.keys().progress(), ClusterKeys.PROGRESS_GROUP, m.id());
    }

    @Override
    public void started(long taskId, long executionId) {
        recorder.started(taskId, executionId);
    }

    @Override
    public void progress(ProgressEvent event) {
        recorder.publish(event);
    }

    @Override
    public void finished(long taskId, long executionId, ExecutionStatus status, String error) {
        recorder.finished(taskId, executionId, status, error);
    }

    @Override
    public List<String> storedTables(long executionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ExecutionEntity e = ExecutionEntity.findById(executionId);
            return e == null || e.tableProgress == null ? List.<String>of()
                    : io.dtaas.controlplane.execution.TableProgressJson.fromJson(e.tableProgress).stream()
                    .map(TableProgress::table).toList();
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
