package io.dtaas.controlplane.cluster;

import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.cluster.WorkerInfo;
import io.dtaas.error.TransientError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The transfer-workers online: registered in the workers hash and still heartbeating (their alive key has not
 * expired). Entries of workers that died without unregistering are dropped as they are found.
 */
@ApplicationScoped
public class WorkerDirectory {

    private final ClusterMode mode;
    private final ClusterStreams cluster;

    public WorkerDirectory(ClusterMode mode, ClusterStreams cluster) {
        this.mode = mode;
        this.cluster = cluster;
    }

    /** @throws TransientError when Redis cannot be reached (nothing is known about the workers then) */
    public List<WorkerInfo> online() {
        if (!mode.distributed()) {
            return List.of();
        }
        try {
            return readOnline();
        } catch (RuntimeException e) {
            throw new TransientError("the cluster's Redis cannot be reached, so no worker can be asked: "
                    + e.getMessage(), e);
        }
    }

    private List<WorkerInfo> readOnline() {
        Map<String, String> registered = cluster.redis().hash(String.class).hgetall(cluster.keys().workers());
        List<WorkerInfo> alive = new ArrayList<>();
        for (Map.Entry<String, String> e : registered.entrySet()) {
            if (cluster.redis().key().exists(cluster.keys().workerAlive(e.getKey()))) {
                alive.add(cluster.json().read(e.getValue(), WorkerInfo.class));
            } else {
                cluster.redis().hash(String.class).hdel(cluster.keys().workers(), e.getKey());
            }
        }
        alive.sort(Comparator.comparing(WorkerInfo::id));
        return alive;
    }
}
