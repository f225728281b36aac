package io.dtaas.connect.jdbc;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every browsable JDBC connector must do against its real server: test connections telling failures
 * apart, list the catalog with keys, preview and query read-only under limits, and refuse unknown names.
 * Subclasses create the same fixture tables in their own SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JdbcBrowserContractIT {

    protected static final String NASTY = "x\"; drop table y; --";
    protected static final Duration TIMEOUT = Duration.ofSeconds(10);

    protected abstract Connector connector();

    /** Settings reaching the fixture database. */
    protected abstract Map<String, Object> config();

    /**
     * Creates, in the fixture database's default schema: {@code customers(id PK, name, country)} with rows
     * (1,'Ada','UK'), (2,'Grace',NULL), (3,'Linus','FI'); {@code orders(customer_id, line, amount)} with a
     * composite PK and an FK to customers; a table named {@code Order Details} (space, mixed case) and a
     * table {@code y}.
     */
    protected abstract void createFixture() throws Exception;

    protected abstract String defaultSchema();

    /** A statement that starts with SELECT/WITH yet writes, which only the read-only transaction stops. */
    protected abstract String writingSelect();

    /** A statement that runs for several seconds. */
    protected abstract String slowQuery();

    protected CatalogBrowser browser;

    @BeforeAll
    void setUp() throws Exception {
        createFixture();
        browser = connector().browser(values(config()));
    }

    protected ConfigValues values(Map<String, Object> raw) {
        ConfigValues v = ConfigValidator.validate(connector().type(), raw, "connection_config");
        connector().validate(v);
        return v;
    }

    @Test
    void checkSucceedsAndReportsServerVersion() {
        CheckResult result = connector().check(values(config()), TIMEOUT);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.details().serverVersion()).isNotBlank();
        assertThat(result.details().latencyMs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void checkTellsBadCredentialsFromUnreachableHosts() {
        Map<String, Object> badUser = new java.util.HashMap<>(config());
        badUser.put("username", "no_such_user_dtaas");
        badUser.put("password", "wrong-password-123");
        CheckResult auth = connector().check(values(badUser), TIMEOUT);
        assertThat(auth.success()).isFalse();
        assertThat(auth.failure()).as(auth.message()).isEqualTo(Failure.AUTHENTICATION);
        assertThat(auth.message()).doesNotContain("wrong-password-123");

        Map<String, Object> closedPort = new java.util.HashMap<>(config());
        closedPort.put("port", 1);
        CheckResult unreachable = connector().check(values(closedPort), TIMEOUT);
        assertThat(unreachable.success()).isFalse();
        assertThat(unreachable.failure()).as(unreachable.message()).isEqualTo(Failure.UNREACHABLE);
    }

    @Test
    void checkReportsAMissingDatabase() {
        Map<String, Object> missing = new java.util.HashMap<>(config());
        missing.put("database", "no_such_database_dtaas");
        CheckResult result = connector().check(values(missing), TIMEOUT);
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).as(result.message()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void listsTablesWithKindsAndOddNames() {
        List<TableInfo> tables = browser.tables(null, null);
        assertThat(tables).extracting(TableInfo::name).contains("customers", "orders", "Order Details", "y");
        assertThat(tables).allSatisfy(t -> assertThat(t.schema()).isEqualTo(defaultSchema()));
        assertThat(tables).filteredOn(t -> t.name().equals("customers")).singleElement()
                .extracting(TableInfo::kind).isEqualTo("table");
    }

    @Test
    void columnsCarryTypesNullabilityAndKeys() {
        List<ColumnInfo> orders = browser.columns(null, null, "orders");
        assertThat(orders).extracting(ColumnInfo::name).containsExactly("customer_id", "line", "amount");
        assertThat(orders.get(0).primaryKeyPosition()).isEqualTo(1);
        assertThat(orders.get(1).primaryKeyPosition()).isEqualTo(2);
        assertThat(orders.get(2).primaryKeyPosition()).isNull();
        assertThat(orders.get(0).foreignKey()).isNotNull();
        assertThat(orders.get(0).foreignKey().table()).isEqualTo("customers");
        assertThat(orders.get(0).foreignKey().column()).isEqualTo("id");
        assertThat(orders.get(0).nullable()).isFalse();
        assertThat(orders.get(2).nullable()).isTrue();
        assertThat(orders.get(2).dataType().toLowerCase()).contains("12", "2")
                .satisfiesAnyOf(t -> assertThat(t).contains("numeric"), t -> assertThat(t).contains("decimal"));
    }

    @Test
    void previewReturnsTheRowsAsStored() {
        QueryResult result = browser.preview(null, null, "customers", QueryLimits.of(10, 10));
        assertThat(result.columns()).extracting(c -> c.name()).containsExactly("id", "name", "country");
        assertThat(result.rows()).hasSize(3).contains(List.of(1L, "Ada", "UK"), java.util.Arrays.asList(2L, "Grace", null));
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void previewWorksOnNamesThatNeedQuoting() {
        QueryResult result = browser.preview(null, null, "Order Details", QueryLimits.of(10, 10));
        assertThat(result.rows()).hasSize(1);
    }

    @Test
    void queryCapsRowsAndSaysSo() {
        QueryResult result = browser.query(null, "SELECT id, name FROM customers ORDER BY id", QueryLimits.of(2, 10));
        assertThat(result.rows()).containsExactly(List.of(1L, "Ada"), List.of(2L, "Grace"));
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void queryRefusesWritesAndSecondStatements() throws Exception {
        assertThatThrownBy(() -> browser.query(null, "DELETE FROM customers", QueryLimits.DEFAULT))
                .isInstanceOf(ConfigError.class);
        assertThatThrownBy(() -> browser.query(null, "SELECT 1; DROP TABLE y", QueryLimits.DEFAULT))
                .isInstanceOf(ConfigError.class).hasMessageContaining("only one statement");
        assertThatThrownBy(() -> browser.query(null, writingSelect(), QueryLimits.DEFAULT))
                .isInstanceOf(ConfigError.class);
        assertThat(browser.query(null, "SELECT COUNT(*) FROM customers", QueryLimits.DEFAULT).rows())
                .containsExactly(List.of(3L));
        assertThat(browser.tables(null, null)).extracting(TableInfo::name).contains("y");
    }

    @Test
    void queryGivesUpAtTheStatementTimeout() {
        assertThatThrownBy(() -> browser.query(null, slowQuery(), QueryLimits.of(10, 1)))
                .isInstanceOf(ConfigError.class).hasMessageContaining("timeout");
    }

    @Test
    void unknownTableNamesAreNotFoundAndNeverRun() {
        assertThatThrownBy(() -> browser.preview(null, null, NASTY, QueryLimits.DEFAULT))
                .isInstanceOf(NotFoundError.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> browser.columns(null, null, NASTY)).isInstanceOf(NotFoundError.class);
        assertThatThrownBy(() -> browser.tables(null, "no_such_schema")).isInstanceOf(NotFoundError.class);
        assertThat(browser.tables(null, null)).extracting(TableInfo::name).contains("y");
    }

    @Test
    void queryErrorsComeBackAsInputErrors() {
        assertThatThrownBy(() -> browser.query(null, "SELECT no_such_column FROM customers", QueryLimits.DEFAULT))
                .isInstanceOf(ConfigError.class).hasMessageStartingWith("sql: ");
    }
}
