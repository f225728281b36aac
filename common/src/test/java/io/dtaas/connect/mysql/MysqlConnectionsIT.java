package io.dtaas.connect.mysql;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.MariaDbFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MariaDB driver options DTaaS pins, proven against the real server: LOAD DATA LOCAL INFILE and multi-statements
 * are refused on every connection DTaaS builds, even to a database whose name spells out URL options, and
 * request-time database names must exist in the server's catalog.
 */
class MysqlConnectionsIT {

    private static final String DB = "dtaas_it_my_conn";
    /** A real database whose name would turn both options on if it ever reached the URL. */
    private static final String OPTIONS_DB = "dtaas_it_my?allowMultiQueries=true&allowLocalInfile=true";

    @BeforeAll
    static void databases() throws SQLException {
        MariaDbFixture.freshDatabase(DB);
        MariaDbFixture.execute(DB, "CREATE TABLE loaded (line text)");
        MariaDbFixture.freshDatabase(OPTIONS_DB);
        // qualified: the fixture's own URL-built connection would read the name as options
        MariaDbFixture.execute(DB, "CREATE TABLE `" + OPTIONS_DB + "`.in_options_db (line text)");
    }

    private static ConfigValues values(String database) {
        return ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(database), "connection_config");
    }

    private static Connection open(String requestDatabase) throws SQLException {
        return MysqlConnections.endpoint(MysqlConfig.from(values(DB)), requestDatabase, Duration.ofSeconds(10)).open();
    }

    @Test
    void loadDataLocalInfileIsRefusedThoughTheServerAllowsIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("master.key"), "the-master-key\n");
        String load = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + DB + ".loaded";
        // the control: the driver's default connection reads the file, so the server would take it
        try (Connection plain = MariaDbFixture.connect(DB); Statement st = plain.createStatement()) {
            st.execute(load);
            assertThat(count(st)).isEqualTo(1);
            st.execute("DELETE FROM loaded");
        }
        for (String database : new String[]{null, OPTIONS_DB}) {
            try (Connection c = open(database); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute(load)).as("database %s", database).isInstanceOf(SQLException.class);
            }
        }
        try (Connection plain = MariaDbFixture.connect(DB); Statement st = plain.createStatement()) {
            assertThat(count(st)).isZero();
        }
    }

    @Test
    void severalStatementsInOneCallAreRefusedByTheServer() throws Exception {
        for (String database : new String[]{null, OPTIONS_DB}) {
            try (Connection c = open(database); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute("SELECT 1; INSERT INTO " + DB + ".loaded VALUES ('x')"))
                        .as("database %s", database).isInstanceOf(SQLSyntaxErrorException.class);
            }
        }
        try (Connection plain = MariaDbFixture.connect(DB); Statement st = plain.createStatement()) {
            assertThat(count(st)).isZero();
        }
    }

    @Test
    void aDatabaseNamedLikeUrlOptionsIsOnlyAName() throws Exception {
        try (Connection c = open(OPTIONS_DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(OPTIONS_DB);
        }
        CatalogBrowser browser = new MysqlConnector().browser(values(DB));
        assertThat(browser.tables(OPTIONS_DB, null)).extracting(t -> t.name()).containsExactly("in_options_db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sec_my?allowMultiQueries=true&allowLocalInfile=true", "x&allowLocalInfile=true",
            "db;x=1", "db/other", "%3FallowLocalInfile=true", "db#frag", "dbé", "mysql?x", " ", "db\nx"})
    void requestTimeDatabasesMustBeInTheCatalog(String database) {
        CatalogBrowser browser = new MysqlConnector().browser(values(DB));
        assertThatThrownBy(() -> browser.tables(database, null)).isInstanceOf(ConfigError.class)
                .satisfies(e -> assertThat(((ConfigError) e).problems().get(0).field()).isEqualTo("database"));
        assertThatThrownBy(() -> browser.query(database, "SELECT 1", io.dtaas.connect.catalog.QueryLimits.of(10, 5)))
                .isInstanceOf(ConfigError.class);
    }

    @Test
    void failedTestsAreNotMaskedSoTheyConfirmNoGuess() {
        // a database named like the password: the answer must look the same as for any other wrong name
        CheckResult guessed = check(MariaDbFixture.PASSWORD);
        CheckResult other = check("dtaas-other-name");
        assertThat(guessed.success()).isFalse();
        assertThat(guessed.message()).doesNotContain("********").contains(MariaDbFixture.PASSWORD);
        assertThat(guessed.message().replace(MariaDbFixture.PASSWORD, "NAME").replaceAll("conn=\\d+", ""))
                .isEqualTo(other.message().replace("dtaas-other-name", "NAME").replaceAll("conn=\\d+", ""));
    }

    private static CheckResult check(String database) {
        Map<String, Object> raw = MariaDbFixture.connectionConfig(database);
        return new MysqlConnector().check(ConfigValidator.validate(MysqlConnector.TYPE, raw, "connection_config"),
                Duration.ofSeconds(10));
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + DB + ".loaded")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
