package io.dtaas.controlplane.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.controlplane.testing.LiveFeed;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.WebSocketClientConnection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** WebSocket clients on /ws follow a running execution until it completes; ?task_id= filters. */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class LiveUpdatesIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void clientsReceiveProgressUntilCompletionFilteredByTask() throws Exception {
        String src = "dtaas_cp_live_src";
        String dst = "dtaas_cp_live_dst";
        TaskApi.sourceDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "INSERT INTO orders SELECT g, g % 7, g / 10.0 FROM generate_series(1, 60000) g");
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", dst);
        long followed = TaskApi.createTask(TaskApi.task("live a " + System.nanoTime(), source, destination, List.of("orders")));
        long other = TaskApi.createTask(TaskApi.task("live b " + System.nanoTime(), source, destination, List.of("customers")));

        List<JsonNode> filtered = new CopyOnWriteArrayList<>();
        List<JsonNode> all = new CopyOnWriteArrayList<>();
        WebSocketClientConnection one = connect("/ws?task_id=" + followed, filtered);
        WebSocketClientConnection every = connect("/ws", all);
        try {
            long execution = TaskApi.start(followed);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> filtered.stream()
                    .anyMatch(m -> m.get("execution_id").asLong() == execution && m.get("status").asText().equals("completed")));
            long otherExecution = TaskApi.start(other);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> all.stream()
                    .anyMatch(m -> m.get("execution_id").asLong() == otherExecution && m.get("status").asText().equals("completed")));

            assertThat(filtered).allSatisfy(m -> {
                assertThat(m.get("type").asText()).isEqualTo("execution_progress");
                assertThat(m.get("task_id").asLong()).isEqualTo(followed);
            });
            assertThat(filtered.get(0).get("status").asText()).isEqualTo("running");
            JsonNode last = filtered.get(filtered.size() - 1);
            assertThat(last.get("processed_rows").asLong()).isEqualTo(60000);
            assertThat(last.get("tables").get(0).get("table").asText()).isEqualTo("public.orders");
            assertThat(all).anyMatch(m -> m.get("task_id").asLong() == followed)
                    .anyMatch(m -> m.get("task_id").asLong() == other);
        } finally {
            one.closeAndAwait();
            every.closeAndAwait();
        }
    }

    private WebSocketClientConnection connect(String path, List<JsonNode> sink) {
        return LiveFeed.connect(base, path, sink);
    }
}
