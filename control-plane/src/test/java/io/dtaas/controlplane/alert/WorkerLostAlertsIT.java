package io.dtaas.controlplane.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.controlplane.cluster.ClusterStreams;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * worker_lost in distributed mode (the machine's Redis, a prefix of this test's own): a worker holds a lease of a
 * running execution; while its heartbeat key lives nothing is raised; once the key expires (as a dead worker's does,
 * one lease after its last beat) the alert opens and a notification names the worker and the execution; when a
 * live worker holds the lease again (taken over) the alert resolves.
 */
@QuarkusTest
@TestProfile(WorkerLostAlertsIT.Distributed.class)
class WorkerLostAlertsIT extends AlertTestBase {

    /** The real-PostgreSQL app in distributed mode on the shared Redis, under a prefix no one else uses. */
    public static class Distributed extends RealPostgresProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dtaas.redis.url", "redis://127.0.0.1:6379", "quarkus.redis.hosts", "redis://127.0.0.1:6379",
                    "dtaas.redis.prefix", "dtaas:h18-worker-lost-it:");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ClusterStreams cluster;

    @Test
    void aWorkerWhoseHeartbeatExpiresWhileHoldingAnExecutionRaisesWorkerLostUntilTakenOver() throws Exception {
        channel("workers " + System.nanoTime(), "webhook", "/workers", null, List.of("worker_lost"));
        PostgresFixture.freshDatabase("dtaas_cp_worker_lost");
        PostgresFixture.execute("dtaas_cp_worker_lost", "CREATE TABLE customers (cust_id int PRIMARY KEY)");
        long task = TaskApi.createTask(TaskApi.task("held " + System.nanoTime(),
                TaskApi.pgConnector("source", "dtaas_cp_worker_lost"),
                TaskApi.pgConnector("destination", "dtaas_cp_worker_lost"), List.of("customers")));
        long execution = MetadataDb.scalar("INSERT INTO executions (task_id, status, started_at, created_at)"
                + " VALUES (?, 'running', now(), now()) RETURNING id", task);
        String lost = "worker-lost-" + System.nanoTime();
        String taker = "worker-taker-" + System.nanoTime();
        MetadataDb.execute("INSERT INTO table_leases (task_id, table_name, epoch, execution_id, worker_id, claimed_at)"
                + " VALUES (?, 'public.customers', 1, ?, ?, now())", task, execution, lost);
        String mine = "\"task_id\":" + task + ",";
        try {
            // heartbeating as LeaseKeeper does: the alive key with a lease-long expiry
            cluster.redis().value(String.class).psetex(cluster.keys().workerAlive(lost), 1_500, "1");
            checks.onTick();
            assertThat(openKinds(task)).isEmpty();

            Awaitility.await().atMost(WAIT).until(() -> !cluster.redis().key().exists(cluster.keys().workerAlive(lost)));
            awaitTicking(() -> !receiver.received("/workers", mine).isEmpty());
            Map<?, ?> body = JSON.readValue(receiver.received("/workers", mine).getFirst().body(), Map.class);
            assertThat(body.get("kind")).isEqualTo("worker_lost");
            assertThat((String) body.get("message")).contains(lost).contains("execution " + execution)
                    .contains("public.customers");
            assertThat((String) body.get("action")).isNotBlank();
            assertThat(openKinds(task)).containsExactly("worker_lost");

            cluster.redis().value(String.class).psetex(cluster.keys().workerAlive(taker), 600_000, "1");
            MetadataDb.execute("UPDATE table_leases SET worker_id = ?, epoch = 2 WHERE task_id = ?", taker, task);
            awaitTicking(() -> openKinds(task).isEmpty());
            awaitTicking(() -> receiver.received("/workers", mine).size() == 2);
            assertThat(receiver.received("/workers", mine).get(1).body()).contains("\"state\":\"resolved\"");
        } finally {
            MetadataDb.execute("UPDATE executions SET status = 'failed', finished_at = now() WHERE id = ?", execution);
            cluster.redis().key().del(cluster.keys().workerAlive(taker));
        }
    }
}
