package io.dtaas.controlplane.checkpoint;

import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.engine.CheckpointStore;
import io.dtaas.metadata.JdbcCheckpointStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/** Chunk checkpoints in the metadata PostgreSQL: per task, table and plan; idempotent; cleared per task. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class JdbcCheckpointStoreIT {

    private static final String SOURCE_DB = "dtaas_tasks_checkpoints";

    @Inject
    CheckpointStore store;

    @Test
    void remembersClearsAndIsIdempotent() throws Exception {
        assertThat(store).isInstanceOf(JdbcCheckpointStore.class);
        TaskApi.sourceDatabase(SOURCE_DB);
        long source = TaskApi.pgConnector("source", SOURCE_DB);
        long destination = TaskApi.pgConnector("destination", SOURCE_DB);
        long a = TaskApi.createTask(TaskApi.task("checkpoints a " + System.nanoTime(), source, destination, List.of("customers")));
        long b = TaskApi.createTask(TaskApi.task("checkpoints b " + System.nanoTime(), source, destination, List.of("customers")));

        store.markCompleted(a, "public.customers", "plan-1", 0, 500);
        store.markCompleted(a, "public.customers", "plan-1", 2, 500);
        store.markCompleted(a, "public.customers", "plan-1", 2, 480); // a retried chunk: one row, latest count
        store.markCompleted(a, "public.customers", "plan-2", 7, 1);
        store.markCompleted(a, "public.orders", "plan-1", 1, 10);
        store.markCompleted(b, "public.customers", "plan-1", 3, 10);

        assertThat(store.completedChunks(a, "public.customers", "plan-1")).containsExactlyInAnyOrder(0, 2);
        assertThat(store.completedChunks(a, "public.customers", "plan-2")).containsExactly(7);
        assertThat(store.completedChunks(a, "public.orders", "plan-1")).containsExactly(1);
        assertThat(store.completedChunks(a, "public.products", "plan-1")).isEmpty();
        assertThat(MetadataDb.scalar("SELECT rows FROM chunk_checkpoints WHERE task_id = ? AND chunk_index = 2", a))
                .isEqualTo(480);

        store.clear(a);
        assertThat(store.completedChunks(a, "public.customers", "plan-1")).isEmpty();
        assertThat(store.completedChunks(a, "public.orders", "plan-1")).isEmpty();
        assertThat(store.completedChunks(b, "public.customers", "plan-1")).containsExactly(3);

        // deleting a task takes its checkpoints with it
        when().delete("/api/tasks/" + b).then().statusCode(204);
        assertThat(MetadataDb.scalar("SELECT count(*) FROM chunk_checkpoints WHERE task_id = ?", b)).isZero();
    }
}
