package io.dtaas.controlplane.alert;

import io.dtaas.controlplane.notification.DeliveryWorker;
import io.dtaas.controlplane.testing.Api;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the alert tests share: a local HTTP receiver with the channels a test creates (deleted after it), and the
 * checks and deliveries run on the test thread, as their timers would (the scheduler is off in tests).
 */
abstract class AlertTestBase {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AlertChecks checks;

    @Inject
    RetentionChecks retention;

    @Inject
    DeliveryWorker deliveries;

    WebhookReceiver receiver;
    private final List<Long> channels = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        channels.forEach(id -> when().delete("/api/notifications/channels/" + id).then().statusCode(204));
        channels.clear();
        receiver.close();
    }

    /** Runs every check and a delivery round until {@code condition} holds. */
    void awaitTicking(Callable<Boolean> condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            rounds(1);
            return condition.call();
        });
    }

    /**
     * Runs {@code count} rounds of checks and deliveries on this thread: each check and each send is done when its call
     * returns, so whatever they would notify has been sent afterwards. Tests that show that nothing more is sent use
     * this instead of sleeping.
     */
    void rounds(int count) {
        for (int i = 0; i < count; i++) {
            retention.onTick();
            checks.onTick();
            deliveries.onTick();
        }
    }

    /** A channel to {@code path} on the receiver, deleted after the test; {@code secret} and {@code rules} optional. */
    long channel(String name, String type, String path, String secret, List<String> rules) {
        Map<String, Object> config = new HashMap<>(Map.of("url", receiver.url(path)));
        if (secret != null) {
            config.put("secret", secret);
        }
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", type, "config", config));
        if (rules != null) {
            body.put("rules", rules);
        }
        long id = Api.post("/api/notifications/channels", body).statusCode(201).extract().jsonPath().getLong("id");
        channels.add(id);
        return id;
    }

    /** A channel the test created itself, deleted after it. */
    void channelsToDelete(long id) {
        channels.add(id);
    }

    static List<String> openKinds(long task) {
        return when().get("/api/alerts?state=open&task_id=" + task).then().statusCode(200).extract().jsonPath()
                .getList("kind", String.class);
    }

    /** The value of a gauge tagged with the task on {@code /q/metrics}. */
    static double metric(String name, long task) {
        String body = when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "\\{[^}]*task=\"" + task
                + "\"[^}]*\\} (\\S+)$").matcher(body);
        assertThat(m.find()).as(name + " of task " + task).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Deletes a task's stream state left by an earlier run (task ids restart with each fresh metadata database). */
    static void deleteState(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
