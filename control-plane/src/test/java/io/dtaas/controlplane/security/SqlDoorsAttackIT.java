package io.dtaas.controlplane.security;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealEngineProfile;
import io.dtaas.controlplane.testing.TaskApi;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * The read-only doors (issue 11, item 2) attacked through a running instance with real PostgreSQL and MariaDB
 * behind it: the query console, a db_query variable's resolve, and a task's custom query (on save, and at run
 * time). Each attack is a 422 naming the query's field and saying why, and the victim table is unchanged.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
class SqlDoorsAttackIT {

    private static final String PG_DB = "dtaas_cp_sqldoors";
    private static final String MY_DB = "dtaas_cp_sqldoors";
    private static final String ISSUE_ATTACK = "SELECT '\\'; COMMIT; DELETE FROM victim WHERE id=3; COMMIT; --'";
    private static final Map<String, String> PG_ATTACKS = Map.ofEntries(
            Map.entry(ISSUE_ATTACK, "only one statement"),
            Map.entry("SELECT 1; DELETE FROM victim", "only one statement"),
            Map.entry("SELECT $x$ $x$; COMMIT; DELETE FROM victim", "only one statement"),
            Map.entry("DELETE FROM victim", "found DELETE"),
            Map.entry("SELECT pg_terminate_backend(pg_backend_pid())", "pg_terminate_backend(integer,bigint) (volatile)"),
            Map.entry("SELECT pg_read_file('/etc/hostname')", "pg_read_file"),
            Map.entry("SELECT lo_import('/etc/hostname')", "lo_import"),
            Map.entry("SELECT pg_advisory_lock(11)", "pg_advisory_lock"),
            Map.entry("SELECT set_config('work_mem', '1MB', false)", "set_config"),
            Map.entry("SELECT pg_create_logical_replication_slot('dtaas_doors_slot', 'pgoutput')",
                    "pg_create_logical_replication_slot"),
            Map.entry("COPY victim TO PROGRAM 'id'", "found COPY"),
            Map.entry("EXPLAIN ANALYZE DELETE FROM victim", "EXPLAIN ANALYZE"));
    private static final Map<String, String> MY_ATTACKS = Map.of(
            "SELECT LOAD_FILE('/etc/hostname')", "LOAD_FILE",
            "SELECT GET_LOCK('dtaas', 1)", "GET_LOCK",
            "SELECT * FROM victim INTO OUTFILE '/tmp/dtaas_doors_1.txt'", "INTO",
            "SELECT 1 /*!INTO OUTFILE '/tmp/dtaas_doors_2.txt' */", "executable comments",
            "SELECT '\\\\'; DELETE FROM victim; -- '", "only one statement");

    private static long pg;
    private static long my;

    @BeforeAll
    static void databases() throws SQLException {
        PostgresFixture.freshDatabase(PG_DB);
        PostgresFixture.execute(PG_DB, "CREATE TABLE victim (id int PRIMARY KEY, name text)",
                "INSERT INTO victim SELECT g, 'n' || g FROM generate_series(1, 5) g");
        MariaDbFixture.freshDatabase(MY_DB);
        MariaDbFixture.execute(MY_DB, "CREATE TABLE victim (id int PRIMARY KEY, name varchar(20))",
                "INSERT INTO victim VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
    }

    /** Connectors are made through the API, which runs once the tests do (not yet in @BeforeAll). */
    private static synchronized void connectors() {
        if (pg == 0) {
            pg = TaskApi.pgConnector("source", PG_DB);
            my = Api.create(Api.connector("doors my " + System.nanoTime(), "source", "mysql",
                    MariaDbFixture.connectionConfig(MY_DB)));
        }
    }

    @Test
    void theConsoleRefusesEachAttackNamingTheFieldAndTheReason() throws Exception {
        connectors();
        PG_ATTACKS.forEach((sql, reason) -> Api.post("/api/connectors/" + pg + "/query", Map.of("sql", sql))
                .statusCode(422).body("errors.field", contains("sql")).body("detail", containsString(reason)));
        MY_ATTACKS.forEach((sql, reason) -> Api.post("/api/connectors/" + my + "/query", Map.of("sql", sql))
                .statusCode(422).body("errors.field", contains("sql")).body("detail", containsString(reason)));
        assertUntouched();
        assertThat(Files.exists(Path.of("/tmp/dtaas_doors_1.txt"))).isFalse();
        assertThat(Files.exists(Path.of("/tmp/dtaas_doors_2.txt"))).isFalse();
    }

    @Test
    void plainReadsStillWork() {
        connectors();
        for (String sql : List.of("SELECT id, name FROM victim ORDER BY id",
                "WITH v AS (SELECT id FROM victim) SELECT count(*), now(), random() FROM v",
                "SELECT a.id, b.name FROM victim a JOIN victim b ON b.id = a.id WHERE a.id < 3",
                "EXPLAIN SELECT * FROM victim WHERE id = 1", "SELECT '\\' AS backslash, $$;$$ AS semi;  -- done")) {
            Api.post("/api/connectors/" + pg + "/query", Map.of("sql", sql)).statusCode(200).body("rows", not(empty()));
        }
        for (String sql : List.of("SELECT id, REPLACE(name, 'a', 'x') FROM victim ORDER BY id", "SHOW TABLES",
                "EXPLAIN SELECT * FROM victim", "SELECT 'a\\'; b' AS s")) {
            Api.post("/api/connectors/" + my + "/query", Map.of("sql", sql)).statusCode(200).body("rows", not(empty()));
        }
    }

    @Test
    void aDbQueryVariableIsJudgedWhenItResolves() throws Exception {
        connectors();
        for (Map.Entry<Long, String> attack : Map.of(pg, ISSUE_ATTACK, my, "SELECT GET_LOCK('dtaas', 1)").entrySet()) {
            long variable = Api.post("/api/variables", Map.of("name", "doors_" + System.nanoTime(),
                    "variable_type", "db_query", "config", Map.of("connector_id", attack.getKey(), "query", attack.getValue())))
                    .statusCode(201).extract().jsonPath().getLong("id");
            when().post("/api/variables/" + variable + "/resolve").then().statusCode(422)
                    .body("errors.field", contains("config.query"));
        }
        Api.post("/api/variables/resolve", Map.of("variable_type", "db_query", "config",
                Map.of("connector_id", pg, "query", "SELECT pg_read_file('/etc/hostname')"))).statusCode(422)
                .body("errors.field", contains("config.query")).body("detail", containsString("pg_read_file"));
        assertUntouched();
    }

    @Test
    void aTasksCustomQueryIsRefusedOnSaveAndAtRunTime() throws Exception {
        connectors();
        String dst = "dtaas_cp_sqldoors_dst";
        PostgresFixture.freshDatabase(dst);
        long destination = TaskApi.pgConnector("destination", dst);
        Map<String, Object> task = TaskApi.task("doors " + System.nanoTime(), pg, destination, List.of("victim"));
        task.put("config", new HashMap<>(Map.of("tables", List.of("victim"), "queries", Map.of("victim", ISSUE_ATTACK))));
        Api.post("/api/tasks", task).statusCode(422).body("errors.field", hasItem("config.queries.victim"))
                .body("detail", containsString("only one statement"));
        task.put("config", new HashMap<>(Map.of("tables", List.of("victim"), "queries",
                Map.of("victim", "SELECT id, pg_terminate_backend(0) AS t FROM victim"))));
        Api.post("/api/tasks", task).statusCode(422).body("errors.field", hasItem("config.queries.victim"))
                .body("detail", containsString("volatile"));

        // with a {{variable}} the query is judged when it runs: the rendered text is refused, nothing is deleted
        String name = "doors_id_" + System.nanoTime();
        Api.post("/api/variables", Map.of("name", name, "variable_type", "static", "config", Map.of("value", 0)))
                .statusCode(201);
        task.put("config", new HashMap<>(Map.of("tables", List.of("victim"), "target_schema", "copy", "queries",
                Map.of("victim", "SELECT id FROM victim WHERE id > {{" + name + "}}; DELETE FROM victim WHERE id = 3"))));
        long execution = TaskApi.start(TaskApi.createTask(task));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                List.of("completed", "failed").contains(TaskApi.execution(execution).getString("status")));
        JsonPath done = TaskApi.execution(execution);
        assertThat(done.getString("status")).isEqualTo("failed");
        assertThat(done.prettify()).contains("only one statement");
        assertUntouched();
    }

    @Test
    void testConnectionWarnsWhenTheRoleCanDoMoreThanRead() throws Exception {
        connectors();
        when().post("/api/connectors/" + pg + "/test").then().statusCode(200).body("success", equalTo(true))
                .body("warnings", hasItem(containsString("is a superuser")));
        when().post("/api/connectors/" + my + "/test").then().statusCode(200)
                .body("warnings", hasItem(containsString("FILE privilege")))
                .body("warnings", hasItem(containsString("SUPER privilege")));
        PostgresFixture.execute(PG_DB, "DROP ROLE IF EXISTS dtaas_doors_reader", "CREATE ROLE dtaas_doors_reader LOGIN",
                "GRANT SELECT ON victim TO dtaas_doors_reader");
        Map<String, Object> reader = new HashMap<>(PostgresFixture.connectionConfig(PG_DB));
        reader.put("username", "dtaas_doors_reader");
        Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "postgresql",
                "connection_config", reader)).statusCode(200).body("success", equalTo(true)).body("warnings", hasSize(0));
    }

    private static void assertUntouched() throws SQLException {
        try (Connection c = PostgresFixture.connect(PG_DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), (SELECT count(*) FROM pg_replication_slots"
                     + " WHERE slot_name = 'dtaas_doors_slot') FROM victim")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
            assertThat(rs.getInt(2)).isZero();
        }
        try (Connection c = MariaDbFixture.connect(MY_DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM victim")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }
}
