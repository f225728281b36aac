package io.dtaas.controlplane.dashboard;

import io.dtaas.controlplane.metadata.ConnectorEntity;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.error.ConfigError;
import io.dtaas.cluster.WorkerInfo;
import io.dtaas.controlplane.launch.ClusterMode;
import io.dtaas.controlplane.cluster.RedisConnectionHealth;
import io.dtaas.controlplane.cluster.WorkerDirectory;
import io.dtaas.job.ExecutionStatus;
import io.quarkus.hibernate.orm.panache.Panache;
import io.dtaas.controlplane.engine.EngineBudget;
import io.dtaas.error.TransientError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/dashboard}: statistics and recent activity, as the seed documents. */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class DashboardResource {

    private static final List<String> ACTIVE = List.of("queued", "running", "stopping");

    private final int slots;
    private final ClusterMode mode;
    private final WorkerDirectory workers;
    private final EngineBudget budget;
    private final RedisConnectionHealth redis;

    public DashboardResource(@ConfigProperty(name = "dtaas.workers") int slots, ClusterMode mode, WorkerDirectory workers,
                             EngineBudget budget, RedisConnectionHealth redis) {
        this.budget = budget;
        this.redis = redis;
        this.slots = slots;
        this.mode = mode;
        this.workers = workers;
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Tasks by status, connectors, active executions, rows today, throughput, workers, whether"
            + " Redis is used")
    public DashboardStats stats() {
        var em = Panache.getEntityManager();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (ExecutionStatus s : ExecutionStatus.values()) {
            byStatus.put(s.wireName(), 0L);
        }
        List<Object[]> counts = em.createQuery("select t.status, count(t) from TaskEntity t group by t.status",
                Object[].class).getResultList();
        counts.forEach(row -> byStatus.put((String) row[0], (Long) row[1]));
        long tasks = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long sources = em.createQuery("select count(c) from ConnectorEntity c where c.connectorType = 'source'", Long.class)
                .getSingleResult();
        long destinations = em.createQuery("select count(c) from ConnectorEntity c where c.connectorType = 'destination'",
                Long.class).getSingleResult();
        long active = em.createQuery("select count(e) from ExecutionEntity e where e.status in ?1", Long.class)
                .setParameter(1, ACTIVE).getSingleResult();
        long running = em.createQuery("select count(e) from ExecutionEntity e where e.status = 'running'", Long.class)
                .getSingleResult();
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        Object[] today = em.createQuery("select count(e), coalesce(sum(e.processedRows), 0),"
                        + " coalesce(sum(case when e.status = 'failed' then 1 else 0 end), 0)"
                        + " from ExecutionEntity e where e.createdAt >= ?1", Object[].class)
                .setParameter(1, midnight).getSingleResult();
        Double throughput = em.createQuery("select coalesce(sum(e.rowsPerSecond), 0.0) from ExecutionEntity e"
                + " where e.status = 'running'", Double.class).getSingleResult();
        return new DashboardStats(tasks, byStatus, sources + destinations, sources, destinations, active,
                ((Number) today[0]).longValue(), ((Number) today[2]).longValue(), ((Number) today[1]).longValue(),
                throughput == null ? 0 : throughput, workers(running), budget.usage(), redis.configured());
    }

    /** Standalone: this process and its threads; distributed: the transfer-workers heartbeating now. */
    private DashboardStats.Workers workers(long running) {
        if (!mode.distributed()) {
            return new DashboardStats.Workers("standalone", 1, slots, running);
        }
        List<WorkerInfo> online;
        try {
            online = workers.online();
        } catch (TransientError e) {
            online = List.of(); // Redis is down: no worker can be reached; /q/health says why
        }
        return new DashboardStats.Workers("distributed", online.size(),
                online.stream().mapToInt(WorkerInfo::slots).sum(), online.stream().mapToInt(WorkerInfo::running).sum());
    }

    @GET
    @Path("/executions/recent")
    @Operation(summary = "The newest executions of all tasks (default 20, at most 200)")
    public List<RecentExecution> recent(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 200) {
            throw new ConfigError("limit", "must be between 1 and 200");
        }
        return Panache.getEntityManager().createQuery("select new io.dtaas.controlplane.dashboard.RecentExecution("
                        + "e.id, e.taskId, t.name, e.status, e.processedRows, e.rowsPerSecond, e.errorMessage,"
                        + " e.startedAt, e.finishedAt, e.createdAt, e.runNumber) from ExecutionEntity e, TaskEntity t"
                        + " where t.id = e.taskId order by e.id desc", RecentExecution.class)
                .setMaxResults(n).getResultList();
    }
}
