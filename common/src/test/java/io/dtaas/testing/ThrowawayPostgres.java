package io.dtaas.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL cluster of its own for tests that break servers (restarts, kills, TLS-only, small WAL limits):
 * initdb in a temp dir owned by the {@code postgres} OS user, listening on a free loopback port with
 * {@code wal_level=logical}. Never touches the machine's shared cluster. Close it to stop it and delete its files.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;
    private final Map<String, String> settings;

    private ThrowawayPostgres(Path dir, int port, Map<String, String> settings) {
        this.dir = dir;
        this.port = port;
        this.settings = settings;
    }

    /** Builder: extra server settings, pg_hba lines, files placed in the data dir before start. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> hba = new ArrayList<>();
        private final Map<String, String> files = new LinkedHashMap<>();

        /** A {@code postgresql.conf} setting, e.g. {@code setting("max_slot_wal_keep_size", "64MB")}. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** Replaces the default trust lines of pg_hba.conf with these (call once per line). */
        public Builder hbaLine(String line) {
            hba.add(line);
            return this;
        }

        /** A file written into the data dir (mode 0600, owned by postgres) before the server starts. */
        public Builder file(String name, String content) {
            files.put(name, content);
            return this;
        }

        public ThrowawayPostgres launch() throws IOException {
            Path dir = Files.createTempDirectory("dtaas-pg-");
            Servers.chown(dir, "postgres");
            Servers.run(Duration.ofMinutes(2), "runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(),
                    "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8");
            Path data = dir.resolve("data");
            for (var f : files.entrySet()) {
                Files.writeString(data.resolve(f.getKey()), f.getValue());
                Servers.run(Duration.ofSeconds(10), "chmod", "600", data.resolve(f.getKey()).toString());
                Servers.chown(data.resolve(f.getKey()), "postgres");
            }
            if (!hba.isEmpty()) {
                Files.writeString(data.resolve("pg_hba.conf"), String.join("\n", hba) + "\n");
            }
            Map<String, String> all = new LinkedHashMap<>();
            all.put("listen_addresses", "'127.0.0.1'");
            all.put("unix_socket_directories", "'" + dir + "'");
            all.put("wal_level", "logical");
            all.put("max_replication_slots", "10");
            all.put("max_wal_senders", "10");
            all.put("fsync", "off");
            all.put("shared_buffers", "32MB");
            all.putAll(settings);
            ThrowawayPostgres pg = new ThrowawayPostgres(dir, Servers.freePort(), all);
            pg.writeConfig();
            pg.start();
            return pg;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ThrowawayPostgres launch() throws IOException {
        return builder().launch();
    }

    private void writeConfig() throws IOException {
        StringBuilder conf = new StringBuilder("\n# dtaas throwaway settings\nport = " + port + "\n");
        settings.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(dir.resolve("data/postgresql.conf"), conf.toString(), java.nio.file.StandardOpenOption.APPEND);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    public void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public void createDatabase(String database) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)", "CREATE DATABASE \"" + database + "\"");
    }

    /** A connector's {@code connection_config} for {@code database} on this cluster. */
    public Map<String, Object> connectionConfig(String database) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", port);
        config.put("database", database);
        config.put("username", "postgres");
        config.put("password", "");
        return config;
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() throws IOException {
        pgCtl(Duration.ofMinutes(1), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start");
    }

    /** Stops with {@code mode} smart, fast or immediate and waits for the exit. */
    public void stop(String mode) throws IOException {
        pgCtl(Duration.ofMinutes(2), "-m", mode, "-w", "-t", "90", "stop");
    }

    /** Stops ({@code mode}) and starts again. */
    public void restart(String mode) throws IOException {
        stop(mode);
        start();
    }

    /** SIGKILLs the postmaster (its children exit on their own); {@link #start()} runs crash recovery. */
    public void kill() throws IOException {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        Servers.awaitPortClosed(port, Duration.ofSeconds(30));
    }

    public boolean running() {
        return Files.exists(dataDir().resolve("postmaster.pid"));
    }

    private void pgCtl(Duration timeout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", BIN.resolve("pg_ctl").toString(),
                "-D", dataDir().toString()));
        cmd.addAll(List.of(args));
        Servers.run(timeout, cmd.toArray(String[]::new));
    }

    /** The server's log, for assertion messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        if (running()) {
            try {
                stop("immediate");
            } catch (IOException e) {
                kill();
            }
        }
        Servers.deleteTree(dir);
    }
}
