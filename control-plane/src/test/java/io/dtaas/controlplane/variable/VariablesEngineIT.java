package io.dtaas.controlplane.variable;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.FilesRoot;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full loads whose custom query uses variables: a db_query resolved from a real MariaDB, and a string holding
 * {@code ' OR 1=1 --} that filters as a plain string; the target holds exactly the expected subset and the
 * execution records the values. The seed's examples run unchanged. Variables in an S3 prefix and a directory
 * path become one folder each; a value that would climb out ({@code ..}) fails the execution before writing.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class VariablesEngineIT {

    private static final String EVIL = "' OR 1=1 --";

    @Test
    void aDbQueryVariableAndAnInjectionStringFilterExactly() throws Exception {
        String src = "dtaas_vars_engine_src";
        String dst = "dtaas_vars_engine_dst";
        String marks = "dtaas_vars_engine_marks";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src,
                "CREATE TABLE orders (id bigint PRIMARY KEY, tenant text, order_date date, note text)",
                "INSERT INTO orders SELECT g, CASE WHEN g % 2 = 0 THEN 'acme' ELSE 'other' END,"
                        + " DATE '2026-01-01' + (g % 40), CASE WHEN g % 5 = 0 THEN '" + EVIL.replace("'", "''")
                        + "' WHEN g % 7 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 2000) g");
        MariaDbFixture.freshDatabase(marks);
        MariaDbFixture.execute(marks, "CREATE TABLE loaded (table_name varchar(50), loaded_until date)",
                "INSERT INTO loaded VALUES ('orders', '2026-01-10'), ('orders', '2026-01-20'), ('other', '2026-02-01')");
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", dst);
        long marksDb = Api.create(Api.connector("marks " + System.nanoTime(), "source", "mysql",
                MariaDbFixture.connectionConfig(marks)));
        String suffix = Long.toString(System.nanoTime());
        Api.post("/api/variables", Map.of("name", "loaded_until_" + suffix, "variable_type", "db_query",
                "config", Map.of("connector_id", marksDb,
                        "query", "SELECT MAX(loaded_until) FROM loaded WHERE table_name = 'orders'"))).statusCode(201);
        Api.post("/api/variables", Map.of("name", "evil_" + suffix, "variable_type", "static",
                "config", Map.of("value", EVIL))).statusCode(201);
        Api.post("/api/variables", Map.of("name", "tenant_" + suffix, "variable_type", "static",
                "config", Map.of("value", "acme"))).statusCode(201);
        String query = "SELECT id, tenant, order_date, note FROM orders WHERE order_date > {{loaded_until_" + suffix + "}}"
                + " AND tenant = {{ tenant_" + suffix + " }} AND note <> {{evil_" + suffix + "}} -- {{not_a_use}}";
        Map<String, Object> task = TaskApi.task("vars " + suffix, source, destination, List.of("orders"));
        task.put("config", new HashMap<>(Map.of("tables", List.of("orders"), "queries", Map.of("orders", query),
                "target_schema", "copy")));
        long execution = TaskApi.start(TaskApi.createTask(task));
        JsonPath done = awaitFinal(execution);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");

        List<String> expected = rows(src, "SELECT id, tenant, order_date, note FROM orders WHERE order_date > DATE"
                + " '2026-01-20' AND tenant = 'acme' AND note <> '" + EVIL.replace("'", "''") + "' ORDER BY id");
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(rows(dst, "SELECT id, tenant, order_date, note FROM copy.orders ORDER BY id")).isEqualTo(expected);
        assertThat(done.getLong("processed_rows")).isEqualTo(expected.size());
        Map<String, Object> recorded = done.getMap("variables");
        assertThat(recorded).containsEntry("loaded_until_" + suffix, Map.of("value", "2026-01-20", "value_type", "date"))
                .containsEntry("evil_" + suffix, Map.of("value", EVIL, "value_type", "string"))
                .containsEntry("tenant_" + suffix, Map.of("value", "acme", "value_type", "string"))
                .hasSize(3);
    }

    @Test
    void aMariaDbSourceReadsStringsWithQuotesAndBackslashesAsStrings() throws Exception {
        String src = "dtaas_vars_engine_my";
        String dst = "dtaas_vars_engine_my_dst";
        MariaDbFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        String backslash = "\\' OR 1=1 -- \\";
        MariaDbFixture.execute(src, "CREATE TABLE people (id int PRIMARY KEY, name varchar(100))",
                "INSERT INTO people VALUES (1, 'alice'), (2, ''' OR 1=1 --'), (3, '\\\\'' OR 1=1 -- \\\\'),"
                        + " (4, 'bob'), (5, 'O''Brien')");
        long source = Api.create(Api.connector("my source " + System.nanoTime(), "source", "mysql",
                MariaDbFixture.connectionConfig(src)));
        String suffix = Long.toString(System.nanoTime());
        Api.post("/api/variables", Map.of("name", "evil_" + suffix, "type", "static", "value", EVIL)).statusCode(201);
        Api.post("/api/variables", Map.of("name", "bs_" + suffix, "type", "static", "value", backslash)).statusCode(201);
        Map<String, Object> task = TaskApi.task("my vars " + suffix, source, TaskApi.pgConnector("destination", dst),
                List.of("people"));
        task.put("config", new HashMap<>(Map.of("tables", List.of("people"), "target_schema", "copy", "queries",
                Map.of("people", "SELECT id, name FROM people WHERE name <> {{evil_" + suffix + "}}"
                        + " AND name <> {{bs_" + suffix + "}}"))));
        JsonPath done = awaitFinal(TaskApi.start(TaskApi.createTask(task)));
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        assertThat(rows(dst, "SELECT id, name FROM copy.people ORDER BY id"))
                .containsExactly("1|alice", "4|bob", "5|O'Brien");
        assertThat(done.getMap("variables")).containsEntry("bs_" + suffix, Map.of("value", backslash, "value_type", "string"));
    }

    @Test
    void theSeedsVariablesRunUnchanged() throws Exception {
        String src = "dtaas_vars_seed_src";
        String dst = "dtaas_vars_seed_dst";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.freshDatabase(dst);
        PostgresFixture.execute(src, "CREATE TABLE orders (id int PRIMARY KEY, tenant_id int, order_date date)",
                "INSERT INTO orders SELECT g, 12345 + g % 3, DATE '2026-01-01' + g FROM generate_series(1, 300) g");
        long source = TaskApi.pgConnector("source", src);
        long destination = TaskApi.pgConnector("destination", dst);
        // the seed's section "4. Global Variables", verbatim
        Api.post("/api/variables", Map.of("name", "tenant_id", "type", "static", "value", "12345")).statusCode(201);
        Api.post("/api/variables", Map.of("name", "max_date", "type", "db_query",
                "query", "SELECT MAX(order_date) FROM orders")).statusCode(201);
        Api.post("/api/variables", Map.of("name", "source_db", "type", "context", "path", "source_connector.database"))
                .statusCode(201);
        String usage = "SELECT * FROM orders \nWHERE tenant_id = {{tenant_id}}\nAND order_date > {{max_date}}";
        Map<String, Object> task = TaskApi.task("seed vars " + System.nanoTime(), source, destination, List.of("orders"));
        task.put("config", new HashMap<>(Map.of("tables", List.of("orders"), "queries", Map.of("orders", usage),
                "target_schema", "seed")));
        JsonPath done = awaitFinal(TaskApi.start(TaskApi.createTask(task)));
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        // max_date is the newest order, so no order is newer: the load is exactly empty
        assertThat(rows(dst, "SELECT count(*) FROM seed.orders")).containsExactly("0");
        assertThat(done.getMap("variables")).containsEntry("tenant_id", Map.of("value", "12345", "value_type", "string"))
                .containsEntry("max_date", Map.of("value", "2026-10-28", "value_type", "date"));
    }

    @Test
    void variablesNameS3PrefixesAndDirectoriesOneSegmentEach() throws Exception {
        String src = "dtaas_vars_files_src";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE orders (id int PRIMARY KEY, total numeric(8,2))",
                "INSERT INTO orders SELECT g, g / 4.0 FROM generate_series(1, 50) g");
        long source = TaskApi.pgConnector("source", src);
        String suffix = Long.toString(System.nanoTime());
        String tenant = "tenant_" + suffix;
        String day = "day_" + suffix;
        String db = "db_" + suffix;
        String up = "up_" + suffix;
        Api.post("/api/variables", Map.of("name", tenant, "type", "static", "value", "acme")).statusCode(201);
        Api.post("/api/variables", Map.of("name", day, "type", "context", "path", "today")).statusCode(201);
        Api.post("/api/variables", Map.of("name", db, "type", "context", "path", "source_connector.database"))
                .statusCode(201);
        Api.post("/api/variables", Map.of("name", up, "type", "static", "value", "..")).statusCode(201);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        String bucket = "dtaas-vars-" + suffix;
        S3ServerFixture.createBucket(bucket);
        Map<String, Object> s3 = new HashMap<>(S3ServerFixture.connectionConfig(bucket));
        s3.put("prefix", "exports/{{" + tenant + "}}/{{ " + day + " }}/");
        s3.put("file_format", "csv");
        long lake = Api.create(Api.connector("lake " + suffix, "destination", "s3", s3));
        JsonPath toS3 = awaitFinal(TaskApi.start(TaskApi.createTask(TaskApi.task("to s3 " + suffix, source, lake,
                List.of("orders")))));
        assertThat(toS3.getString("status")).as(toS3.prettify()).isEqualTo("completed");
        try (S3Client client = S3ServerFixture.client()) {
            assertThat(client.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(S3Object::key)
                    .filteredOn(k -> !k.contains("/.dtaas-manifest/")).singleElement().asString()
                    .matches("exports/acme/" + today + "/public/orders/part-\\d{8}T\\d{6}Z-[0-9a-f]{6}-00000-000\\.csv");
        }
        assertThat(toS3.getMap("variables")).containsOnlyKeys(tenant, day);

        Path root = FilesRoot.newDirectory("dtaas-vars-files");
        long files = Api.create(Api.connector("files " + suffix, "destination", "local_files",
                Map.of("path", root + "/{{" + db + "}}", "file_format", "csv")));
        JsonPath toFiles = awaitFinal(TaskApi.start(TaskApi.createTask(TaskApi.task("to files " + suffix, source, files,
                List.of("orders")))));
        assertThat(toFiles.getString("status")).as(toFiles.prettify()).isEqualTo("completed");
        try (Stream<Path> written = Files.walk(root)) {
            assertThat(written.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.contains(".dtaas-manifest/")))
                    .singleElement().asString().matches(src + "/public/orders/part-\\d{8}T\\d{6}Z-[0-9a-f]{6}-00000-000\\.csv");
        }

        long escape = Api.create(Api.connector("escape " + suffix, "destination", "local_files",
                Map.of("path", root + "/inner/{{" + up + "}}", "file_format", "csv")));
        JsonPath refused = awaitFinal(TaskApi.start(TaskApi.createTask(TaskApi.task("escape " + suffix, source, escape,
                List.of("orders")))));
        assertThat(refused.getString("status")).isEqualTo("failed");
        assertThat(refused.getString("error_message")).isEqualTo("task escape " + suffix + ": connection_config.path:"
                + " variable {{" + up + "}} cannot be part of a path: its value is '..'");
        assertThat(Files.exists(root.resolve("inner"))).isFalse();
    }

    private static JsonPath awaitFinal(long execution) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                List.of("completed", "failed", "stopped", "paused").contains(TaskApi.execution(execution).getString("status")));
        return TaskApi.execution(execution);
    }

    private static List<String> rows(String database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
