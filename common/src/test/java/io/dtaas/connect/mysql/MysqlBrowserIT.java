package io.dtaas.connect.mysql;

import io.dtaas.connect.Connector;
import io.dtaas.connect.jdbc.JdbcBrowserContractIT;
import io.dtaas.testing.MariaDbFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MysqlBrowserIT extends JdbcBrowserContractIT {

    private static final String DB = "dtaas_it_my_browser";

    @Override
    protected Connector connector() {
        return new MysqlConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return MariaDbFixture.connectionConfig(DB);
    }

    @Override
    protected void createFixture() throws Exception {
        MariaDbFixture.freshDatabase(DB);
        MariaDbFixture.execute(DB,
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, country varchar(2)) ENGINE=InnoDB",
                "INSERT INTO customers VALUES (1,'Ada','UK'), (2,'Grace',NULL), (3,'Linus','FI')",
                "CREATE TABLE orders (customer_id int NOT NULL, line int NOT NULL, amount decimal(12,2),"
                        + " PRIMARY KEY (customer_id, line), FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB",
                "CREATE TABLE `Order Details` (`Select` text)",
                "INSERT INTO `Order Details` VALUES ('reserved word column')",
                "CREATE TABLE y (v int)",
                "CREATE VIEW customer_names AS SELECT name FROM customers");
    }

    @Override
    protected String defaultSchema() {
        return DB;
    }

    @Override
    protected String writingSelect() {
        // passes the keyword guard; only the read-only transaction stops it (MariaDB error 1792)
        return "SELECT * FROM customers FOR UPDATE";
    }

    @Override
    protected String slowQuery() {
        // BENCHMARK() and SLEEP() return quietly when interrupted; a big join fails with error 1969
        return "SELECT COUNT(*) FROM information_schema.columns a, information_schema.columns b,"
                + " information_schema.columns c";
    }

    @Test
    void databasesAreSchemasAndSystemOnesAreHidden() {
        assertThat(browser.databases()).contains(DB);
        assertThat(browser.schemas(null)).contains(DB).doesNotContain("mysql", "information_schema");
        assertThat(browser.tables(null, null)).filteredOn(t -> t.name().equals("customer_names"))
                .singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo("view"));
    }
}
