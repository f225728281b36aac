package io.dtaas.worker;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class WorkerHealthIT {

    @Test
    void reportsLiveWithItsIdentityAndSlots() {
        when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("transfer-worker"))
                .body("checks[0].data.worker_id", startsWith("worker-"))
                .body("checks[0].data.slots", equalTo(10));
    }
}
