package io.dtaas.connect.jdbc;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.Connector;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.ResultBudget;
import io.dtaas.connect.catalog.ResultColumn;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Previews and console queries cut long values and stop at the response budget, against the real PostgreSQL
 * and MariaDB, and never hold a huge value whole: a forked JVM with a heap smaller than one value reads five.
 */
class ValueCapsIT {

    static final String DB = "dtaas_it_value_caps";
    private static final int CAP = ResultBudget.MAX_VALUE_CHARS;

    @BeforeAll
    static void fixtures() throws Exception {
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.execute(DB,
                "CREATE TABLE big (id int PRIMARY KEY, t text, b bytea, j jsonb, c char(5), a int[])",
                "INSERT INTO big VALUES (1, repeat('x', 1000000), decode(repeat('ab', 100000), 'hex'),"
                        + " (SELECT jsonb_agg(g) FROM generate_series(1, 30000) g), 'ab',"
                        + " (SELECT array_agg(g) FROM generate_series(1, 30000) g)),"
                        + " (2, 'small', '\\x0102', '{\"k\": 1}', 'abcde', '{1,2}')",
                "CREATE VIEW slow AS SELECT pg_sleep(600)::text AS s");
        MariaDbFixture.freshDatabase(DB);
        MariaDbFixture.execute(DB, "CREATE TABLE big (id int PRIMARY KEY, t longtext, b longblob)",
                "INSERT INTO big VALUES (1, REPEAT('x', 1000000), REPEAT(UNHEX('AB'), 100000)), (2, 'small', UNHEX('0102'))");
    }

    static CatalogBrowser browser(Connector connector, Map<String, Object> config) {
        return connector.browser(ConfigValidator.validate(connector.type(), config, "connection_config"));
    }

    private static CatalogBrowser postgres() {
        return browser(new PostgresConnector(), PostgresFixture.connectionConfig(DB));
    }

    private static CatalogBrowser mariadb() {
        return browser(new MysqlConnector(), MariaDbFixture.connectionConfig(DB));
    }

    private static void assertEveryRowCut(QueryResult r, int rows, int column, char fill) {
        assertThat(r.rows()).hasSize(rows);
        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            assertThat((String) r.rows().get(i).get(column)).isEqualTo(String.valueOf(fill).repeat(CAP));
            expected.add(List.of(i, column));
        }
        assertThat(r.valuesTruncated()).isTrue();
        assertThat(r.truncatedCells()).isEqualTo(expected);
        assertThat(r.sizeTruncated()).isFalse();
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void postgresQueryOfFiveHugeComputedValuesAnswersThemCut() {
        QueryResult r = postgres().query(null, "SELECT g AS id, repeat('x', 200000000) AS big FROM generate_series(1, 5) g",
                QueryLimits.DEFAULT);
        assertEveryRowCut(r, 5, 1, 'x');
        assertThat(r.columns()).extracting(ResultColumn::name).containsExactly("id", "big");
        assertThat(r.columns()).extracting(ResultColumn::type).containsExactly("int4", "text");
        assertThat(r.rows()).extracting(row -> row.get(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void mariadbQueryOfFiveLargeComputedValuesAnswersThemCut() {
        // MariaDB cannot return a value beyond max_allowed_packet (16 MB here): the largest it allows
        QueryResult r = mariadb().query(null, "SELECT seq, REPEAT('x', 15000000) AS big FROM seq_1_to_5", QueryLimits.DEFAULT);
        assertEveryRowCut(r, 5, 1, 'x');
    }

    @Test
    void tablePreviewsCutTextBinaryJsonAndArraysButNotShortValues() {
        QueryResult pg = postgres().preview(null, null, "big", QueryLimits.of(10, null));
        List<Object> first = pg.rows().get(0);
        assertThat((String) first.get(1)).isEqualTo("x".repeat(CAP));
        assertThat((String) first.get(2)).isEqualTo("\\x" + "ab".repeat(ResultBudget.MAX_VALUE_BYTES));
        assertThat((String) first.get(3)).hasSize(CAP).startsWith("[1, 2, 3");
        assertThat((String) first.get(4)).isEqualTo("ab   "); // char(5) keeps its padding: it is never cut
        assertThat((String) first.get(5)).hasSize(CAP).startsWith("{1,2,3");
        assertThat(pg.rows().get(1)).containsExactly(2L, "small", "\\x0102", "{\"k\": 1}", "abcde", "{1,2}");
        assertThat(pg.truncatedCells()).containsExactly(List.of(0, 1), List.of(0, 2), List.of(0, 3), List.of(0, 5));
        assertThat(pg.columns()).extracting(ResultColumn::type).containsExactly("int4", "text", "bytea", "jsonb", "bpchar", "_int4");

        QueryResult my = mariadb().preview(null, null, "big", QueryLimits.of(10, null));
        assertThat(my.rows().get(0)).containsExactly(1L, "x".repeat(CAP), "\\x" + "ab".repeat(ResultBudget.MAX_VALUE_BYTES));
        assertThat(my.rows().get(1)).containsExactly(2L, "small", "\\x0102");
        assertThat(my.truncatedCells()).containsExactly(List.of(0, 1), List.of(0, 2));
    }

    @Test
    void rowsStopOnceTheAnswerIsFull() {
        assertStopsWhenFull(postgres().query(null, "SELECT repeat('y', 60000) AS y FROM generate_series(1, 1000)",
                QueryLimits.DEFAULT));
        assertStopsWhenFull(mariadb().query(null, "SELECT REPEAT('y', 60000) AS y FROM seq_1_to_1000", QueryLimits.DEFAULT));
    }

    private static void assertStopsWhenFull(QueryResult r) {
        assertThat(r.sizeTruncated()).isTrue();
        assertThat(r.truncated()).isTrue();
        assertThat(r.rows()).hasSizeBetween(100, 200);
        long chars = r.rows().stream().mapToLong(row -> ((String) row.get(0)).length()).sum();
        assertThat(chars).isLessThanOrEqualTo(ResultBudget.MAX_RESULT_CHARS);
        // every row but the one that filled the budget is whole
        r.rows().subList(0, r.rows().size() - 1).forEach(row -> assertThat((String) row.get(0)).hasSize(60000));
    }

    @Test
    void postgresStatementsThatAreNoSubqueryStillRun() {
        CatalogBrowser pg = postgres();
        assertThat(pg.query(null, "SHOW work_mem", QueryLimits.DEFAULT).rows()).hasSize(1);
        assertThat(pg.query(null, "EXPLAIN SELECT 1", QueryLimits.DEFAULT).rows()).isNotEmpty();
        // the jsonb ? operator is no bind marker here (a prepared describe would take it for one)
        assertThat(pg.query(null, "SELECT '{\"a\":1}'::jsonb ? 'a' AS has", QueryLimits.DEFAULT).rows())
                .containsExactly(List.of("t"));
        QueryResult commented = pg.query(null, "SELECT repeat('z', 70000) AS z -- a trailing comment", QueryLimits.DEFAULT);
        assertThat((String) commented.rows().get(0).get(0)).hasSize(CAP);
        QueryResult twins = pg.query(null, "SELECT 1 AS x, repeat('b', 70000) AS x, NULL AS n", QueryLimits.DEFAULT);
        assertThat(twins.columns()).extracting(ResultColumn::name).containsExactly("x", "x", "n");
        assertThat(twins.rows().get(0).get(0)).isEqualTo(1L);
        assertThat((String) twins.rows().get(0).get(1)).hasSize(CAP);
        assertThat(twins.rows().get(0).get(2)).isNull();
        assertThat(twins.truncatedCells()).containsExactly(List.of(0, 1));
    }

    @Test
    void sourceHeadsStopOnePastTheCap() {
        assertHead(new PostgresConnector(), PostgresFixture.connectionConfig(DB), new TableRef("public", "big"));
        assertHead(new MysqlConnector(), MariaDbFixture.connectionConfig(DB), new TableRef(DB, "big"));
    }

    /** A preview's read is bounded by the statement timeout: a view that would sleep ten minutes gives up after 30 s. */
    @Test
    void sourceHeadsGiveUpAtTheStatementTimeout() {
        Connector connector = new PostgresConnector();
        try (Source source = connector.source(ConfigValidator.validate(connector.type(),
                PostgresFixture.connectionConfig(DB), "connection_config"))) {
            TableSchema schema = source.describe(new TableRef("public", "slow"));
            assertThatThrownBy(() -> {
                try (RowStream rows = source.head(schema, 1)) {
                    rows.next(1);
                }
            }).isInstanceOf(DataError.class).hasMessageContaining("gives up after 30 s").hasMessageContaining("cancel");
        }
    }

    private static void assertHead(Connector connector, Map<String, Object> config, TableRef table) {
        try (Source source = connector.source(ConfigValidator.validate(connector.type(), config, "connection_config"))) {
            TableSchema schema = source.describe(table);
            try (RowStream rows = source.head(schema, 10)) {
                Batch batch = rows.next(10);
                Object[] first = batch.rows().get(0);
                assertThat((String) first[1]).isEqualTo("x".repeat(CAP + 1));
                assertThat((byte[]) first[2]).hasSize(ResultBudget.MAX_VALUE_BYTES + 1);
                assertThat((String) batch.rows().get(1)[1]).isEqualTo("small");
                assertThat((byte[]) batch.rows().get(1)[2]).containsExactly(1, 2);
            }
        }
    }

    /**
     * A JVM whose whole heap is smaller than one of the values reads five of them through the console: only
     * possible if no value is ever held whole (PostgreSQL cuts them on the server; MariaDB's are read through
     * capped streams).
     */
    @Test
    void aSmallHeapReadsFiveHugeValues() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-Xmx160m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                SmallHeapProbe.class.getName()).redirectErrorStream(true).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("postgresql 5 rows, 5 cut").contains("mariadb 5 rows, 5 cut");
    }
}
