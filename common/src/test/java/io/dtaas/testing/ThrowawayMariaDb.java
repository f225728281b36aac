package io.dtaas.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MariaDB server of its own for tests that break servers: a fresh data dir, a free loopback port, a row-based
 * binlog, and a password user {@value #USER} with every privilege. Never touches the machine's shared server.
 * Close it to stop it and delete its files.
 */
public final class ThrowawayMariaDb implements AutoCloseable {

    public static final String USER = "dtaas_fault";
    public static final String PASSWORD = "dtaas-fault-pw";

    private final Path dir;
    private final int port;
    private final List<String> options;
    private Process process;

    private ThrowawayMariaDb(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /** Starts a server; {@code extraOptions} are mariadbd flags such as {@code --expire-logs-days=1}. */
    public static ThrowawayMariaDb launch(String... extraOptions) throws IOException {
        Path dir = Files.createTempDirectory("dtaas-mariadb-");
        Files.createDirectories(dir.resolve("data"));
        Servers.chown(dir, "mysql");
        Servers.run(Duration.ofMinutes(2), "mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--user=mysql", "--auth-root-authentication-method=normal", "--skip-test-db");
        int port = Servers.freePort();
        List<String> options = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("s.sock"), "--pid-file=" + dir.resolve("m.pid"), "--user=mysql",
                "--log-bin=" + dir.resolve("data/binlog"), "--binlog-format=ROW", "--binlog-row-image=FULL",
                "--server-id=" + (1000 + port % 1000), "--log-error=" + dir.resolve("server.log"),
                "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=2", "--skip-name-resolve"));
        options.addAll(List.of(extraOptions));
        ThrowawayMariaDb db = new ThrowawayMariaDb(dir, port, options);
        db.start();
        db.rootExecute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION");
        return db;
    }

    /** Starts the server (after {@link #stop()} or {@link #kill()}) and waits until it accepts connections. */
    public void start() throws IOException {
        process = new ProcessBuilder(options).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Servers.awaitPortOpen(port, Duration.ofMinutes(1), process, dir.resolve("server.log"));
    }

    /** A clean shutdown (SIGTERM), waiting for the exit. */
    public void stop() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.onExit().join();
        }
        Servers.awaitPortClosed(port, Duration.ofSeconds(30));
    }

    /** SIGKILL: the next {@link #start()} runs crash recovery. */
    public void kill() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.onExit().join();
        }
        Servers.awaitPortClosed(port, Duration.ofSeconds(30));
    }

    public void restart() throws IOException {
        stop();
        start();
    }

    public int port() {
        return port;
    }

    public Connection connect(String database) throws SQLException {
        return MariaDbFixture.connectUrl("jdbc:mariadb://127.0.0.1:" + port + "/" + database
                + "?sslMode=disable&allowMultiQueries=false", USER, PASSWORD);
    }

    public void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public void createDatabase(String database) throws SQLException {
        execute("", "DROP DATABASE IF EXISTS `" + database + "`",
                "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    private void rootExecute(String... statements) throws IOException {
        try (Connection c = MariaDbFixture.connectUrl("jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable", "root", "");
             Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IOException("cannot set up the throwaway MariaDB: " + e.getMessage(), e);
        }
    }

    /** A connector's {@code connection_config} for {@code database} on this server. */
    public Map<String, Object> connectionConfig(String database) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", port);
        config.put("database", database);
        config.put("username", USER);
        config.put("password", PASSWORD);
        return config;
    }

    public String log() {
        return Servers.tail(dir.resolve("server.log"));
    }

    @Override
    public void close() throws IOException {
        kill();
        Servers.deleteTree(dir);
    }
}
