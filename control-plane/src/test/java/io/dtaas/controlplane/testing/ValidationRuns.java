package io.dtaas.controlplane.testing;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Validations through the API: start one, wait until it is no longer running, answer its completed report. */
public final class ValidationRuns {

    private static final Duration WAIT = Duration.ofSeconds(180);

    private ValidationRuns() {
    }

    /** {@code action}: {@code validate} or {@code repair}. */
    public static JsonPath completed(long task, String action) {
        long id = Api.post("/api/tasks/" + task + "/" + action, Map.of()).statusCode(202).extract().jsonPath().getLong("id");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> !"running".equals(run(task, id).getString("status")));
        JsonPath done = run(task, id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        return done;
    }

    public static JsonPath run(long task, long id) {
        return when().get("/api/tasks/" + task + "/validations/" + id).then().statusCode(200).extract().jsonPath();
    }
}
