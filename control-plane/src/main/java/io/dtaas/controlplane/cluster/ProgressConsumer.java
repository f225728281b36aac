package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.cluster.ClusterKeys;
import io.dtaas.cluster.WorkerReport;
import io.dtaas.cluster.RedisTrouble;
import io.dtaas.controlplane.execution.ExecutionLedger;
import io.dtaas.controlplane.execution.ExecutionRecorder;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.metadata.ExecutionTable;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Distributed mode: reads the workers' reports (consumer group {@code control-plane}), folds them per
 * execution ({@link ExecutionTally}, with the records in the metadata database kept by the {@link ExecutionLedger})
 * and hands the progress to the execution recorder, which stores it and pushes it to {@code /ws}. A report is
 * acknowledged only after what it changed in the database committed; a report that could not be folded stays
 * pending and is read again, and after a restart the group's pending entries are read first, so none is lost and
 * none counts twice. When Redis lost the groups (restarted empty), they are created again at once.
 */
@ApplicationScoped
public class ProgressConsumer implements ExecutionTally.Outlet {

    private static final Logger LOG = Logger.getLogger(ProgressConsumer.class);
    /** One consumer name: a single control-plane reads the group, and re-reads its own pending entries on restart. */
    private static final String CONSUMER = "control-plane";

    private final ClusterMode mode;
    private final ClusterStreams cluster;
    private final ExecutionRecorder recorder;
    private final ExecutionLedger ledger;
    private final ExecutionTally tally = new ExecutionTally(this);
    private final RedisTrouble trouble = new RedisTrouble("read worker reports");
    private volatile boolean closing;
    private volatile Instant groupsRecreatedAt;
    private Thread reader;

    public ProgressConsumer(ClusterMode mode, ClusterStreams cluster, ExecutionRecorder recorder, ExecutionLedger ledger) {
        this.mode = mode;
        this.cluster = cluster;
        this.recorder = recorder;
        this.ledger = ledger;
    }

    void onStart(@Observes StartupEvent event) {
        if (!mode.distributed()) {
            return;
        }
        ensureGroups();
        reader = Thread.ofPlatform().name("dtaas-progress-reader").start(this::readLoop);
    }

    private void ensureGroups() {
        cluster.ensureGroup(cluster.keys().progress(), ClusterKeys.PROGRESS_GROUP);
        cluster.ensureGroup(cluster.keys().jobs(), ClusterKeys.WORKERS_GROUP);
        cluster.ensureGroup(cluster.keys().requests(), ClusterKeys.WORKERS_GROUP);
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

    /** When the consumer groups were last found gone and created again (Redis restarted empty); null if never. */
    public Instant groupsRecreatedAt() {
        return groupsRecreatedAt;
    }

    /** The execution was settled from the records elsewhere: its folded state here is stale. */
    void forget(long executionId) {
        tally.forget(executionId);
    }

    private void readLoop() {
        String from = "0"; // first this consumer's own pending entries, then new ones
        while (!closing) {
            try {
                List<StreamMessage<String, String, String>> messages = cluster.streams().xreadgroup(
                        ClusterKeys.PROGRESS_GROUP, CONSUMER, cluster.keys().progress(), from,
                        new XReadGroupArgs().count(500).block(Duration.ofSeconds(1)));
                trouble.ok().ifPresent(LOG::info);
                if (messages.isEmpty() && from.equals("0")) {
                    from = ">";
                }
                for (StreamMessage<String, String, String> m : messages) {
                    if (!fold(m)) {
                        from = "0"; // read the unacknowledged ones again after a pause
                        sleep();
                        break;
                    }
                }
            } catch (RuntimeException e) {
                if (closing) {
                    break;
                }
                if (RedisTrouble.groupMissing(e)) {
                    recreateGroups();
                    from = "0";
                } else {
                    trouble.failed(e).ifPresent(LOG::warn);
                    sleep();
                }
            }
        }
    }

    private void recreateGroups() {
        try {
            ensureGroups();
            groupsRecreatedAt = Instant.now();
            LOG.warn("the consumer groups on Redis were gone (Redis restarted empty?); recreated them. Executions keep"
                    + " their records in the metadata database; jobs Redis lost are queued again by the reconciler");
        } catch (RuntimeException again) {
            trouble.failed(again).ifPresent(LOG::warn);
            sleep();
        }
    }

    /** @return false when the report could not be folded (the metadata database failed): it stays pending */
    private boolean fold(StreamMessage<String, String, String> m) {
        WorkerReport report = null;
        try {
            Map<String, String> payload = m.payload();
            if (payload != null && payload.get(ClusterKeys.FIELD) != null) {
                report = cluster.decode(payload, WorkerReport.class);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "dropping unreadable worker report %s", m.id());
        }
        if (report != null) {
            try {
                tally.accept(report);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not record worker report %s of execution %d; it is read again",
                        m.id(), report.executionId());
                return false;
            }
        }
        cluster.streams().xack(cluster.keys().progress(), ClusterKeys.PROGRESS_GROUP, m.id());
        return true;
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
    public List<ExecutionTable> recorded(long executionId) {
        return ledger.recorded(executionId);
    }

    @Override
    public List<ExecutionTable> planned(long executionId, List<String> tables) {
        return ledger.planned(executionId, tables);
    }

    @Override
    public ExecutionLedger.Settlement tableFinished(WorkerReport report) {
        String table = report.table().toString();
        TableProgress last = report.event() == null || report.event().tables() == null ? null
                : report.event().tables().stream().filter(t -> t.table().equals(table)).findFirst().orElse(null);
        return ledger.tableFinished(report.taskId(), report.executionId(), table, report.epoch(), report.status(),
                last, report.error());
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
