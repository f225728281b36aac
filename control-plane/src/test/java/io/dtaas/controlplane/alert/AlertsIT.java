package io.dtaas.controlplane.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 18, items 3-5 with the real engine, metadata PostgreSQL and a local HTTP receiver: channels keep their url and
 * secret sealed and masked; a failed task opens one alert and notifies once with a valid signature, however often it
 * fails again, and its recovery is announced; a receiver answering 500 then 200 gets the notification exactly once;
 * lag and retained-WAL thresholds open and resolve alerts from the metrics stored on a running stream.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class AlertsIT extends AlertTestBase {

    private static final String SECRET = "hmac-Secret-4b1e";
    private static final String URL_TOKEN = "T0KEN-in-the-url-93af";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void channelUrlAndSecretAreSealedAndMaskedAndBadUrlsAreRefused() throws Exception {
        String url = receiver.url("/hook") + "?token=" + URL_TOKEN;
        String created = Api.post("/api/notifications/channels", Map.of("name", "sealed " + System.nanoTime(),
                        "type", "webhook", "config", Map.of("url", url, "secret", SECRET)))
                .statusCode(201).body("config.url", equalTo("********")).body("config.secret", equalTo("********"))
                .body("type", equalTo("webhook")).extract().asString();
        long id = JsonPath.from(created).getLong("id");
        channelsToDelete(id);
        String listed = when().get("/api/notifications/channels").then().statusCode(200).extract().asString();
        String stored = MetadataDb.text("SELECT secret_config FROM notification_channels WHERE id = ?", id);
        for (String shown : List.of(created, listed, stored, Files.readString(Path.of("target/dtaas-test.log")))) {
            assertThat(shown).doesNotContain(URL_TOKEN).doesNotContain(SECRET);
        }
        assertThat(stored).startsWith("v1:");

        for (Object bad : List.of("ftp://127.0.0.1/x", "not a url", "http:///nohost", 42)) {
            Api.post("/api/notifications/channels", Map.of("name", "bad " + System.nanoTime(), "type", "webhook",
                    "config", Map.of("url", bad))).statusCode(422).body("errors.field", hasItem("config.url"));
        }
        Api.post("/api/notifications/channels", Map.of("name", "bad type", "type", "email",
                "config", Map.of("url", url))).statusCode(422).body("errors.field", hasItem("type"));
        Api.post("/api/notifications/channels", Map.of("name", "bad rules", "type", "slack",
                "config", Map.of("url", url), "rules", List.of("task_failed", "weather"))).statusCode(422)
                .body("errors.field", hasItem("rules"));
    }

    @Test
    void aFailedTaskNotifiesOnceWithAValidSignatureAndItsRecoveryFollows() throws Exception {
        channel("failures " + System.nanoTime(), "webhook", "/failures", SECRET, null);
        String src = "dtaas_cp_alerts_src";
        TaskApi.sourceDatabase(src);
        PostgresFixture.execute(src, "INSERT INTO customers SELECT g, 'c' || g, 'FI' FROM generate_series(1, 50) g");
        PostgresFixture.freshDatabase("dtaas_cp_alerts_dst");
        Map<String, Object> nowhere = new HashMap<>(PostgresFixture.connectionConfig(src));
        nowhere.put("port", 1); // nothing listens there: every run fails to connect
        long source = Api.create(Api.connector("alerts src " + System.nanoTime(), "source", "postgresql", nowhere));
        long task = TaskApi.createTask(TaskApi.task("alerts " + System.nanoTime(), source,
                TaskApi.pgConnector("destination", "dtaas_cp_alerts_dst"), List.of("customers")));
        String mine = "\"task_id\":" + task + ",";

        assertThat(TaskApi.awaitExecution(TaskApi.start(task), "failed").getString("error_message")).isNotBlank();
        awaitTicking(() -> !receiver.received("/failures", mine).isEmpty());
        WebhookReceiver.Received opened = receiver.received("/failures", mine).getFirst();
        Map<?, ?> body = JSON.readValue(opened.body(), Map.class);
        assertThat(body.get("kind")).isEqualTo("task_failed");
        assertThat(body.get("state")).isEqualTo("opened");
        assertThat((String) body.get("message")).contains("failed");
        assertThat((String) body.get("action")).isNotBlank();
        assertThat(body.get("since")).isNotNull();
        assertThat(opened.signature()).isEqualTo("sha256=" + hmac(SECRET, opened.body()));
        assertThat(opened.body()).doesNotContain(SECRET);

        long again = TaskApi.start(task);
        TaskApi.awaitExecution(again, "failed"); // fails again: the open alert covers it
        rounds(2); // checks that see the second failure, and the deliveries after them
        assertThat(receiver.received("/failures", mine)).hasSize(1);
        when().get("/api/alerts?task_id=" + task).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].kind", equalTo("task_failed")).body("[0].state", equalTo("open"));

        Api.put("/api/connectors/" + source, Map.of("connection_config", Map.of("port", PostgresFixture.PORT, "password", "")))
                .statusCode(200);
        TaskApi.awaitExecution(TaskApi.start(task), "completed");
        awaitTicking(() -> receiver.received("/failures", mine).size() == 2);
        WebhookReceiver.Received recovered = receiver.received("/failures", mine).get(1);
        Map<?, ?> second = JSON.readValue(recovered.body(), Map.class);
        assertThat(second.get("kind")).isEqualTo("task_recovered");
        assertThat(second.get("state")).isEqualTo("resolved");
        assertThat(recovered.signature()).isEqualTo("sha256=" + hmac(SECRET, recovered.body()));
        when().get("/api/alerts?state=open&task_id=" + task).then().statusCode(200).body("size()", equalTo(0));
        when().get("/api/alerts?state=resolved&task_id=" + task).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].resolved_at", org.hamcrest.Matchers.notNullValue());
        when().get("/api/alerts?state=sideways").then().statusCode(422);
    }

    @Test
    void thresholdsOnStoredStreamMetricsOpenAndResolveAndAFlakyReceiverGetsItOnce() throws Exception {
        receiver.answer("/flaky", 500);
        long flaky = channel("flaky " + System.nanoTime(), "webhook", "/flaky", null, List.of("lag_threshold"));
        long slack = channel("slack " + System.nanoTime(), "slack", "/slack", null, List.of("retention_threshold"));
        PostgresFixture.freshDatabase("dtaas_cp_alerts_lag");
        PostgresFixture.execute("dtaas_cp_alerts_lag", "CREATE TABLE customers (cust_id int PRIMARY KEY)");
        String name = "lagging " + System.nanoTime();
        long task = TaskApi.createTask(TaskApi.task(name,
                TaskApi.pgConnector("source", "dtaas_cp_alerts_lag"),
                TaskApi.pgConnector("destination", "dtaas_cp_alerts_lag"), List.of("customers")));
        long execution = MetadataDb.scalar("INSERT INTO executions (task_id, status, started_at, created_at, cdc_metrics)"
                + " VALUES (?, 'running', now(), now(), '{\"lag_seconds\": 900, \"position_gap_bytes\": 2000000000}')"
                + " RETURNING id", task);
        try {
            awaitTicking(() -> openKinds(task).size() == 2);
            assertThat(openKinds(task)).containsExactlyInAnyOrder("lag_threshold", "retention_threshold");
            String mine = "\"task_id\":" + task + ",";
            awaitTicking(() -> receiver.received("/flaky", mine).size() == 2);
            when().get("/api/notifications/deliveries?channel_id=" + flaky).then().statusCode(200)
                    .body("[0].status", equalTo("delivered"));
            rounds(2); // a delivered notification is never sent again
            assertThat(receiver.received("/flaky", mine)).extracting(WebhookReceiver.Received::answered)
                    .containsExactly(500, 200);
            assertThat(receiver.received("/flaky", mine).getFirst().body())
                    .isEqualTo(receiver.received("/flaky", mine).get(1).body()).contains("\"kind\":\"lag_threshold\"");
            when().get("/api/notifications/deliveries?channel_id=" + flaky).then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].status", equalTo("delivered"))
                    .body("[0].attempts", equalTo(2)).body("[0].last_status", equalTo(200));
            awaitTicking(() -> !receiver.received("/slack", name).isEmpty());
            assertThat(receiver.received("/slack", name).getFirst().body()).startsWith("{\"text\":")
                    .contains("retention_threshold");

            MetadataDb.execute("UPDATE executions SET cdc_metrics = '{\"lag_seconds\": 2, \"position_gap_bytes\": 1000}'"
                    + " WHERE id = ?", execution);
            awaitTicking(() -> openKinds(task).isEmpty());
            when().get("/api/alerts?state=resolved&task_id=" + task).then().statusCode(200).body("size()", equalTo(2));
            awaitTicking(() -> receiver.received("/flaky", mine).size() == 3);
            assertThat(receiver.received("/flaky", mine).get(2).body()).contains("\"state\":\"resolved\"");
        } finally {
            MetadataDb.execute("UPDATE executions SET status = 'stopped', finished_at = now() WHERE id = ?", execution);
        }
    }

    @Test
    void aDifferentValidationAndAMissedScheduleOpenAlertsThatResolve() throws Exception {
        channel("checks " + System.nanoTime(), "webhook", "/checks", null,
                List.of("validation_different", "schedule_missed"));
        PostgresFixture.freshDatabase("dtaas_cp_alerts_checks");
        PostgresFixture.execute("dtaas_cp_alerts_checks", "CREATE TABLE customers (cust_id int PRIMARY KEY)");
        Map<String, Object> body = TaskApi.task("checked " + System.nanoTime(),
                TaskApi.pgConnector("source", "dtaas_cp_alerts_checks"),
                TaskApi.pgConnector("destination", "dtaas_cp_alerts_checks"), List.of("customers"));
        body.put("schedule_type", "interval");
        body.put("schedule", Map.of("interval_seconds", 3600));
        long task = TaskApi.createTask(body);
        String mine = "\"task_id\":" + task + ",";

        MetadataDb.execute("INSERT INTO validations (task_id, status, verdict, trigger, tables, started_at, finished_at,"
                + " created_at) VALUES (?, 'completed', 'different', 'api', '[{\"table\": \"public.customers\","
                + " \"verdict\": \"different\"}]', now(), now(), now())", task);
        // created an hour ago and never run: its first run was due then and is past the window
        MetadataDb.execute("UPDATE tasks SET created_at = now() - interval '1 hour' WHERE id = ?", task);
        awaitTicking(() -> receiver.received("/checks", mine).size() == 2);
        assertThat(openKinds(task)).containsExactlyInAnyOrder("validation_different", "schedule_missed");
        List<Map<?, ?>> opened = new ArrayList<>();
        for (WebhookReceiver.Received r : receiver.received("/checks", mine)) {
            opened.add(JSON.readValue(r.body(), Map.class));
        }
        assertThat(opened.stream().map(m -> String.valueOf(m.get("kind"))).toList())
                .containsExactlyInAnyOrder("validation_different", "schedule_missed");
        Map<?, ?> different = opened.stream().filter(m -> "validation_different".equals(m.get("kind"))).findFirst().orElseThrow();
        assertThat((String) different.get("message")).contains("different").contains("public.customers");
        assertThat((String) different.get("action")).contains("/api/tasks/" + task + "/repair");
        Map<?, ?> missed = opened.stream().filter(m -> "schedule_missed".equals(m.get("kind"))).findFirst().orElseThrow();
        assertThat((String) missed.get("message")).contains("has not started");
        assertThat(TaskApi.taskJson(task).getInt("open_alerts")).isEqualTo(2);

        MetadataDb.execute("INSERT INTO validations (task_id, status, verdict, trigger, tables, started_at, finished_at,"
                + " created_at) VALUES (?, 'completed', 'equal', 'api', '[]', now(), now(), now())", task);
        MetadataDb.execute("INSERT INTO executions (task_id, status, started_at, finished_at, created_at)"
                + " VALUES (?, 'completed', now(), now(), now())", task);
        awaitTicking(() -> openKinds(task).isEmpty());
        awaitTicking(() -> receiver.received("/checks", mine).size() == 4);
        assertThat(receiver.received("/checks", mine).subList(2, 4)).extracting(WebhookReceiver.Received::body)
                .allSatisfy(b -> assertThat(b).contains("\"state\":\"resolved\""));
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
