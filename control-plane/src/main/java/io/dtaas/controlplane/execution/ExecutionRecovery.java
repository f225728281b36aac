package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.job.ExecutionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Settles executions a previous control-plane process left under way: nothing runs them any more, so they
 * are marked failed (resumable) instead of showing "running" forever. Executions this process created are
 * never touched, so the recovery is safe to run at any time.
 *
 * <p>This holds for standalone mode, where the control-plane process runs every execution. With several
 * control-planes and remote workers, an execution outlives the process that created it; there, worker
 * leases (reclaiming pending jobs) settle abandoned executions instead.
 */
@ApplicationScoped
public class ExecutionRecovery {

    public static final String INTERRUPTED = "interrupted by a control-plane restart; resume or start again";
    private static final Logger LOG = Logger.getLogger(ExecutionRecovery.class);

    private final ExecutionWriter writer;
    private final ClusterMode mode;
    private final Instant processStart = Instant.now();

    public ExecutionRecovery(ExecutionWriter writer, ClusterMode mode) {
        this.writer = writer;
        this.mode = mode;
    }

    void onStart(@Observes StartupEvent event) {
        if (mode.distributed()) {
            return; // workers outlive this process; their leases settle abandoned jobs
        }
        int recovered = recoverOrphans();
        if (recovered > 0) {
            LOG.warnf("marked %d execution(s) left under way by a previous process as failed", recovered);
        }
    }

    /** @return how many executions were marked failed */
    public int recoverOrphans() {
        List<String> active = TaskLifecycle.ACTIVE.stream().map(ExecutionStatus::wireName).toList();
        List<ExecutionEntity> orphans = QuarkusTransaction.requiringNew().call(() ->
                ExecutionEntity.list("status in ?1 and createdAt < ?2 order by id", active, processStart));
        for (ExecutionEntity orphan : orphans) {
            writer.finish(orphan.taskId, orphan.id, ExecutionStatus.FAILED, INTERRUPTED);
        }
        return orphans.size();
    }
}
