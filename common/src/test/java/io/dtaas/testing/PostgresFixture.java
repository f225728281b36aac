package io.dtaas.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth) for tests. Each test class asks for
 * its own database by name; it is dropped and created fresh so runs never see each other's leftovers.
 */
public final class PostgresFixture {

    public static final String HOST = env("DTAAS_TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("DTAAS_TEST_PG_PORT", "5432"));
    public static final String USER = env("DTAAS_TEST_PG_USER", "postgres");

    private PostgresFixture() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Drops and recreates {@code database}. */
    public static void freshDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            st.execute("CREATE DATABASE \"" + database + "\"");
        }
    }

    /** Runs statements in {@code database}, one after another. */
    public static void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** A connector's {@code connection_config} for {@code database}. */
    public static Map<String, Object> connectionConfig(String database) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", HOST);
        config.put("port", PORT);
        config.put("database", database);
        config.put("username", USER);
        config.put("password", "");
        return config;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
