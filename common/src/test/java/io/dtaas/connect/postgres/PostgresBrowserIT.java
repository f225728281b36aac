package io.dtaas.connect.postgres;

import io.dtaas.connect.Connector;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.jdbc.JdbcBrowserContractIT;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBrowserIT extends JdbcBrowserContractIT {

    private static final String DB = "dtaas_it_pg_browser";

    @Override
    protected Connector connector() {
        return new PostgresConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return PostgresFixture.connectionConfig(DB);
    }

    @Override
    protected void createFixture() throws Exception {
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.execute(DB,
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, country varchar(2))",
                "INSERT INTO customers VALUES (1,'Ada','UK'), (2,'Grace',NULL), (3,'Linus','FI')",
                "CREATE TABLE orders (customer_id int NOT NULL REFERENCES customers(id), line int NOT NULL,"
                        + " amount numeric(12,2), PRIMARY KEY (customer_id, line))",
                "CREATE TABLE \"Order Details\" (\"Select\" text)",
                "INSERT INTO \"Order Details\" VALUES ('reserved word column')",
                "CREATE TABLE y (v int)",
                "CREATE SCHEMA \"Mixed Case\"",
                "CREATE TABLE \"Mixed Case\".t (id bigint)",
                "CREATE VIEW customer_names AS SELECT name FROM customers",
                "ANALYZE");
    }

    @Override
    protected String defaultSchema() {
        return "public";
    }

    @Override
    protected String writingSelect() {
        return "WITH gone AS (DELETE FROM customers RETURNING *) SELECT * FROM gone";
    }

    @Override
    protected String slowQuery() {
        return "SELECT pg_sleep(5)";
    }

    @Test
    void listsDatabasesSchemasViewsAndEstimates() {
        assertThat(browser.databases()).contains(DB, "postgres");
        assertThat(browser.schemas(null)).contains("public", "Mixed Case").noneMatch(s -> s.startsWith("pg_toast"));
        assertThat(browser.tables(null, "Mixed Case")).extracting(t -> t.name()).containsExactly("t");
        assertThat(browser.tables(null, null)).filteredOn(t -> t.name().equals("customer_names"))
                .singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo("view"));
        assertThat(browser.tables(null, null)).filteredOn(t -> t.name().equals("customers"))
                .singleElement().satisfies(t -> assertThat(t.rowEstimate()).isEqualTo(3L));
    }

    @Test
    void rendersTypesWithoutLoss() throws Exception {
        PostgresFixture.execute(DB, "CREATE TABLE IF NOT EXISTS typed (big bigint, n numeric(38,10), d double precision,"
                + " b bytea, u uuid, j jsonb, ts timestamptz)",
                "TRUNCATE typed",
                "INSERT INTO typed VALUES (9007199254740993, 1234567890123456789012345678.0123456789, 'NaN', '\\x00ff',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, 2]}', '2024-02-29 12:00:00+00')");
        List<Object> row = browser.preview(null, null, "typed", QueryLimits.DEFAULT).rows().get(0);
        assertThat(row.get(0)).isEqualTo("9007199254740993");
        assertThat(row.get(1)).isEqualTo("1234567890123456789012345678.0123456789");
        assertThat(row.get(2)).isEqualTo("NaN");
        assertThat(row.get(3)).isEqualTo("\\x00ff");
        assertThat(row.get(4)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(row.get(5)).isEqualTo("{\"k\": [1, 2]}");
    }

    @Test
    void browsesAnotherDatabaseOnTheSameServer() {
        assertThat(browser.schemas("postgres")).contains("public");
    }
}
