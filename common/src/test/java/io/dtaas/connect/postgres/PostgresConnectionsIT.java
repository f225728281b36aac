package io.dtaas.connect.postgres;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL connections as DTaaS builds them, against the real server. */
class PostgresConnectionsIT {

    private static final String DB = "dtaas_it_pg_conn";
    /** A real database whose name would break the connection (bogus sslmode, a non-factory class) in a URL. */
    private static final String OPTIONS_DB = "dtaas_it_pg?socketFactory=java.lang.String&sslmode=bogus";

    @BeforeAll
    static void databases() throws SQLException {
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.freshDatabase(OPTIONS_DB);
        // the fixture's URL-built connection would read the name as options: pgjdbc's properties instead
        java.util.Properties p = new java.util.Properties();
        p.setProperty("PGHOST", PostgresFixture.HOST);
        p.setProperty("PGPORT", Integer.toString(PostgresFixture.PORT));
        p.setProperty("PGDBNAME", OPTIONS_DB);
        p.setProperty("user", PostgresFixture.USER);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://", p);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE in_options_db (line text)");
        }
    }

    private static ConfigValues values(Map<String, Object> raw) {
        return ConfigValidator.validate(PostgresConnector.TYPE, raw, "connection_config");
    }

    @Test
    void aDatabaseNamedLikeUrlOptionsIsOnlyAName() throws Exception {
        PostgresConfig config = PostgresConfig.from(values(PostgresFixture.connectionConfig(DB)));
        try (Connection c = PostgresConnections.endpoint(config, OPTIONS_DB, Duration.ofSeconds(10)).open();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(OPTIONS_DB);
        }
        CatalogBrowser browser = new PostgresConnector().browser(values(PostgresFixture.connectionConfig(DB)));
        assertThat(browser.tables(OPTIONS_DB, "public")).extracting(t -> t.name()).containsExactly("in_options_db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres?socketFactory=x", "x&sslfactory=y", "db;x=1", "db/other", "%3Fx",
            "db#frag", "dbé", "template0", "db\u0001"})
    void requestTimeDatabasesMustBeInTheCatalog(String database) {
        CatalogBrowser browser = new PostgresConnector().browser(values(PostgresFixture.connectionConfig(DB)));
        assertThatThrownBy(() -> browser.schemas(database)).isInstanceOf(ConfigError.class)
                .satisfies(e -> assertThat(((ConfigError) e).problems().get(0).field()).isEqualTo("database"));
    }

    @Test
    void failedTestsAreNotMaskedSoTheyConfirmNoGuess() {
        String password = "pg-guess-3f9c";
        CheckResult guessed = check(password, password);
        CheckResult other = check(password, "pg-other-name");
        assertThat(guessed.success()).isFalse();
        assertThat(guessed.message()).doesNotContain("********");
        assertThat(guessed.message().replace(password, "NAME"))
                .isEqualTo(other.message().replace("pg-other-name", "NAME"));
    }

    private static CheckResult check(String password, String database) {
        Map<String, Object> raw = PostgresFixture.connectionConfig(database);
        raw.put("password", password);
        return new PostgresConnector().check(values(raw), Duration.ofSeconds(10));
    }
}
