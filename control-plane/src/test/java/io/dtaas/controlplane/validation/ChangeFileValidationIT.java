package io.dtaas.controlplane.validation;

import io.dtaas.cdc.CdcRun;
import io.dtaas.controlplane.testing.CdcStreams;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.controlplane.testing.ValidationRuns;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17 on change files: a {@code cdc} task from PostgreSQL into a local directory writes change files; validation
 * folds them (last operation per key, a delete removes the key) and compares the folded rows with the source at a
 * consistent point. A change file deleted and a value edited in another are found as exactly the keys they held.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class ChangeFileValidationIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void changeFilesAreFoldedAndComparedWithTheSource() throws Exception {
        String src = "dtaas_cp_cfval_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE items (id int PRIMARY KEY, name text, qty numeric(10,2), seen date)");
        Path dir = FilesRoot.newDirectory("dtaas-cfval");
        long files = TaskApi.jsonFilesConnector(dir);
        long task = TaskApi.createTask(Map.of("name", "change file validation " + System.nanoTime(),
                "source_connector_id", TaskApi.pgConnector("source", src), "destination_connector_id", files,
                "mode", "cdc", "schedule_type", "on_demand",
                "config", Map.of("tables", List.of("items"), "cdc_poll_interval", 1)));
        String slot = CdcRun.streamId(task);
        CdcStreams.dropSlot(slot);
        CdcStreams.deleteState(Path.of("target", "cdc-state", "task-" + task));
        long execution = TaskApi.start(task);
        try {
            TaskApi.awaitExecution(execution, "running");
            // the stream reads from its slot's creation on: a sentinel row shows it is there
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                PostgresFixture.execute(src, "DELETE FROM items WHERE id = 0", "INSERT INTO items VALUES (0, 's', 0, NULL)");
                return !filesHolding(dir, "\"id\"\\s*:\\s*0\\b").isEmpty();
            });
            PostgresFixture.execute(src,
                    "INSERT INTO items SELECT g, 'item ' || g, g * 1.5, DATE '2026-03-01' + g FROM generate_series(1, 40) g",
                    "UPDATE items SET qty = qty + 1, seen = NULL WHERE id % 3 = 0 AND id > 0",
                    "DELETE FROM items WHERE id % 5 = 0 AND id > 0",
                    "INSERT INTO items VALUES (5, 'back', NULL, NULL)",
                    "UPDATE items SET name = '' WHERE id = 8");
            JsonPath equal = ValidationRuns.completed(task, "validate");
            assertThat(equal.getString("verdict")).as(equal.prettify()).isEqualTo("equal");
            assertThat(equal.getLong("tables[0].source_rows")).isEqualTo(34L); // 0 and 1..40, without the 8 multiples of 5, 5 again
            assertThat(equal.getLong("tables[0].target_rows")).isEqualTo(34L);
            assertThat(equal.getString("tables[0].reason")).as("the consistent point was reached").isNull();

            // one transaction, so one batch and one change file holding exactly these keys
            PostgresFixture.execute(src, "INSERT INTO items SELECT g, 'batch ' || g, g, NULL FROM generate_series(1000, 1004) g");
            assertThat(ValidationRuns.completed(task, "validate").getString("verdict")).isEqualTo("equal");
            List<Path> batch = filesHolding(dir, "\"id\"\\s*:\\s*1000\\b");
            assertThat(batch).hasSize(1);
            PostgresFixture.execute(src, "UPDATE items SET name = 'final' WHERE id = 7");
            assertThat(ValidationRuns.completed(task, "validate").getString("verdict")).isEqualTo("equal");
            List<Path> last = filesHolding(dir, "\"final\"");
            assertThat(last).hasSize(1);

            Files.delete(batch.get(0));
            Files.writeString(last.get(0), Files.readString(last.get(0)).replace("\"final\"", "\"edited\""));
            JsonPath damaged = ValidationRuns.completed(task, "validate");
            assertThat(damaged.getString("verdict")).as(damaged.prettify()).isEqualTo("different");
            assertThat(damaged.getInt("tables[0].differing_keys")).as(damaged.prettify()).isEqualTo(6);
            assertThat(damaged.getList("tables[0].differences.key.id"))
                    .containsExactly("7", "1000", "1001", "1002", "1003", "1004");
            assertThat(damaged.getList("tables[0].differences.kind")).containsExactly("values_differ",
                    "missing_in_target", "missing_in_target", "missing_in_target", "missing_in_target", "missing_in_target");
            assertThat(damaged.getString("tables[0].differences[0].source.name")).isEqualTo("final");
            assertThat(damaged.getString("tables[0].differences[0].target.name")).isEqualTo("edited");
            assertThat(damaged.getString("tables[0].reason")).contains("files are never repaired")
                    .contains(batch.get(0).getFileName().toString());
            assertThat(damaged.getLong("tables[0].target_rows")).isEqualTo(34L);
        } finally {
            TaskApi.action(task, "stop"); // also when an assertion failed: the slot is dropped only once released
            TaskApi.awaitExecution(execution, "stopped");
            CdcStreams.awaitInactive(slot);
            CdcStreams.dropSlot(slot);
        }
    }

    /** The change files (not the manifest's records) whose text holds a match of {@code regex}. */
    private static List<Path> filesHolding(Path dir, String regex) throws Exception {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("changes-"))
                    .filter(p -> !dir.relativize(p).toString().contains(".dtaas-manifest"))
                    .filter(p -> {
                        try {
                            return pattern.matcher(Files.readString(p)).find();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
    }
}
