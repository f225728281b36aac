package io.dtaas.worker;

import io.dtaas.cluster.ClusterKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class WorkerHealthIT {

    @Inject
    RedisDataSource redis;

    @Inject
    Streams streams;

    @Test
    void reportsLiveWithItsIdentityAndSlots() {
        when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("transfer-worker"))
                .body("checks[0].data.worker_id", startsWith("worker-"))
                .body("checks[0].data.slots", equalTo(10));
    }

    /** Redis restarted empty looks like this to a worker: its groups are gone. It recreates them at its next read. */
    @Test
    void recreatesConsumerGroupsRedisLostAndReportsThemHealthy() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("redis-streams")));
        for (String stream : new String[]{streams.keys().jobs(), streams.keys().requests()}) {
            redis.stream(String.class).xgroupDestroy(stream, ClusterKeys.WORKERS_GROUP);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String stream : new String[]{streams.keys().jobs(), streams.keys().requests()}) {
                redis.stream(String.class).xpending(stream, ClusterKeys.WORKERS_GROUP); // throws NOGROUP while gone
            }
        });
        when().get("/q/health/well").then().statusCode(200).body("status", equalTo("UP"));
    }
}
