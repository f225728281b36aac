package io.dtaas.controlplane.metadata;

import io.dtaas.testing.PostgresFixture;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A start finds what an earlier run left in the data dir: a PostgreSQL still running on it (the JVM that started it was
 * SIGKILLed), a stale {@code postmaster.pid}, or a pid file naming a process that is not ours. The leftover server is
 * launched here as {@code pg_ctl} launches it (the embedded binaries on this data dir, detached from the store), with
 * a client connected to it.
 */
class EmbeddedStoreLeftoverIT {

    private static Path home;
    private static Path data;
    private static Path bin;
    private static String superPassword;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void cluster() throws Exception {
        home = Files.createTempDirectory("dtaas-store-leftover");
        data = home.resolve("pgdata");
        try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data);
             Connection c = DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE survivor (id int PRIMARY KEY, v text)");
            st.execute("INSERT INTO survivor VALUES (1, 'before the crash')");
        }
        try (Stream<Path> dirs = Files.list(home.resolve("pg-runtime/binaries"))) {
            bin = dirs.filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow().resolve("bin");
        }
        superPassword = Files.readString(data.resolve(EmbeddedMetadataStore.SUPERUSER_PASSWORD_FILE)).strip();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        StoreFiles.deleteTree(home);
    }

    @AfterEach
    void stopWhatTheTestStarted() throws Exception {
        for (Process p : started) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aServerLeftRunningWithAClientIsStoppedFastAndTheStoreStarts() throws Exception {
        Process leftover = launchLeftoverServer();
        try (Connection client = superuser(leftoverPort()); Statement st = client.createStatement()) {
            st.execute("SELECT 1"); // a backend the shutdown has to end too
            try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data)) {
                assertThat(store.leftover()).isEqualTo(LeftoverPostmaster.Outcome.STOPPED_FAST);
                assertThat(leftover.isAlive()).isFalse();
                assertThat(survivor(store)).isEqualTo("before the crash");
            }
        }
    }

    @Test
    void aServerThatIgnoresShutdownRequestsIsKilledWithItsBackends() throws Exception {
        Process leftover = launchLeftoverServer();
        try (Connection client = superuser(leftoverPort()); Statement st = client.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            ProcessHandle backend = ProcessHandle.of(rs.getLong(1)).orElseThrow();
            run("kill", "-STOP", Long.toString(leftover.pid())); // deaf to SIGINT and SIGQUIT until killed
            LeftoverPostmaster.Outcome outcome = new LeftoverPostmaster(data, Duration.ofSeconds(1), Duration.ofSeconds(2),
                    m -> { }).clear();
            assertThat(outcome).isEqualTo(LeftoverPostmaster.Outcome.KILLED);
            assertThat(leftover.isAlive()).isFalse();
            assertThat(backend.isAlive()).isFalse();
            assertThat(data.resolve("postmaster.pid")).doesNotExist();
        }
        try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data)) { // crash recovery
            assertThat(store.leftover()).isEqualTo(LeftoverPostmaster.Outcome.NONE);
            assertThat(survivor(store)).isEqualTo("before the crash");
        }
    }

    @Test
    void aPidFileOfADeadProcessIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writePidFile(gone.pid());
        try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data)) {
            assertThat(store.leftover()).isEqualTo(LeftoverPostmaster.Outcome.STALE_PID_FILE_REMOVED);
            assertThat(survivor(store)).isEqualTo("before the crash");
        }
    }

    @Test
    void aPidFileNamingSomeoneElsesProcessLeavesThatProcessAlone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        started.add(sleeper);
        writePidFile(sleeper.pid());
        try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data)) {
            assertThat(store.leftover()).isEqualTo(LeftoverPostmaster.Outcome.STALE_PID_FILE_REMOVED);
            assertThat(survivor(store)).isEqualTo("before the crash");
        }
        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void aPidFileNamingAPostgresOfAnotherDataDirLeavesThatServerAlone() throws Exception {
        // a real PostgreSQL backend, of the machine's shared cluster: a postgres binary, but not on our data dir
        try (Connection shared = PostgresFixture.connect("postgres"); Statement st = shared.createStatement()) {
            long backend;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getLong(1);
            }
            writePidFile(backend);
            try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data)) {
                assertThat(store.leftover()).isEqualTo(LeftoverPostmaster.Outcome.STALE_PID_FILE_REMOVED);
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(backend);
            }
        }
    }

    /** The embedded server on the data dir as pg_ctl starts it, but owned by no store. */
    private Process launchLeftoverServer() throws Exception {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(freePort()),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("leftover.log").toFile()).start();
        started.add(p);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("leftover server exited: " + Files.readString(home.resolve("leftover.log")));
            }
            List<String> lines = Files.exists(data.resolve("postmaster.pid"))
                    ? Files.readAllLines(data.resolve("postmaster.pid")) : List.of();
            return lines.size() >= 8 && lines.get(0).strip().equals(Long.toString(p.pid()))
                    && lines.get(7).strip().equals("ready");
        });
        return p;
    }

    private static int leftoverPort() throws IOException {
        return Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
    }

    private static Connection superuser(int port) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", superPassword);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
    }

    private static String survivor(EmbeddedMetadataStore store) throws Exception {
        try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM survivor WHERE id = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void writePidFile(long pid) throws IOException {
        Files.writeString(data.resolve("postmaster.pid"), pid + "\n" + data + "\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }
}
