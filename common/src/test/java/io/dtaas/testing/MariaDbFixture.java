package io.dtaas.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The machine's MariaDB (127.0.0.1:3306) for tests, reached as a dedicated password user so that tests also
 * prove password authentication (root uses the unix socket locally).
 */
public final class MariaDbFixture {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 3306;
    public static final String USER = "dtaas_test";
    public static final String PASSWORD = "dtaas-test-pw";

    private MariaDbFixture() {
    }

    public static Connection connect(String database) throws SQLException {
        return connectUrl("jdbc:mariadb://" + HOST + ":" + PORT + "/" + database
                + "?sslMode=disable&allowMultiQueries=false", USER, PASSWORD);
    }

    /** Drops and recreates {@code database}. */
    public static void freshDatabase(String database) throws SQLException {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + database + "`");
            st.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    public static void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public static Map<String, Object> connectionConfig(String database) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", HOST);
        config.put("port", PORT);
        config.put("database", database);
        config.put("username", USER);
        config.put("password", PASSWORD);
        return config;
    }

    /**
     * The MariaDB driver by URL as DriverManager would give it, without depending on DriverManager's discovery (in the
     * control-plane's tests the Quarkus app's metadata pool has it see pgjdbc alone).
     */
    public static Connection connectUrl(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return MARIADB.connect(url, p);
    }

    private static final org.mariadb.jdbc.Driver MARIADB = new org.mariadb.jdbc.Driver();
}
