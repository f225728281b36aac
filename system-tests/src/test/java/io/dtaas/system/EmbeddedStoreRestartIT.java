package io.dtaas.system;

import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Standalone {@code ./dtaas} with its embedded metadata PostgreSQL (no {@code DATABASE_URL}), as a packaged process:
 * SIGKILLed, it leaves its PostgreSQL running; the next start, right away, stops that server and comes up, with the
 * data stored before the kill. Along the way: the data dir's permissions are repaired at start, and the running
 * server refuses {@code psql} without the password.
 */
class EmbeddedStoreRestartIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START_WAIT = Duration.ofSeconds(90);

    private static Path home;
    private static Map<String, String> env;
    private static int port;
    private static ApiClient api;
    private static AppProcess app;

    @BeforeAll
    static void prepare() throws Exception {
        home = Path.of("target", "system-work", "embedded-restart").toAbsolutePath();
        deleteRecursively(home);
        // a data dir someone opened up: the start must close it again
        Files.createDirectories(home.resolve("cdc"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(home.resolve("secret.key"), Base64.getEncoder().encodeToString(key) + "\n");
        chmod(home, "rwxrwxrwx");
        chmod(home.resolve("cdc"), "rwxrwxrwx");
        chmod(home.resolve("secret.key"), "rw-rw-rw-");
        env = new HashMap<>();
        env.put("DTAAS_HOME", home.toString());
        env.put("DATABASE_URL", ""); // the embedded store, whatever the environment says
        port = AppProcess.freePort();
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void killedItsServerIsStoppedByTheNextStartAndTheDataIsThere() throws Exception {
        app = start("embedded-first");
        assertThat(app.output()).contains("tightened permissions of " + home + ": rwxrwxrwx -> rwxr-xr-x")
                .contains("tightened permissions of " + home.resolve("secret.key") + ": rw-rw-rw- -> rw-------");
        long connector = createConnector();
        assertThat(app.terminate(Duration.ofSeconds(60))).isTrue();
        long normal = timed(() -> app = start("embedded-clean-restart"));
        assertThat(app.output()).doesNotContain("left running");

        long leftover = postmasterPid();
        int dbPort = Integer.parseInt(pidFileLines().get(3).strip());
        assertRefusesWithoutPassword(dbPort);
        app.kill();
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).as("the server outlives the SIGKILL")
                .contains(true);

        long afterKill = timed(() -> app = start("embedded-after-kill"));
        System.out.printf("embedded store: ready after a clean restart in %d ms, after a SIGKILL in %d ms%n", normal,
                afterKill);
        assertThat(app.output()).contains("a PostgreSQL left running on " + home.resolve("pgdata"))
                .contains("stopped the PostgreSQL left running on " + home.resolve("pgdata") + " (stopped_fast)");
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(postmasterPid()).isNotEqualTo(leftover);
        ApiClient.Reply stored = api.get("/api/connectors/" + connector);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().path("name").asText()).isEqualTo("kept across a kill");
        assertRefusesWithoutPassword(Integer.parseInt(pidFileLines().get(3).strip()));

        assertThat(groupOrOtherWritable(home)).isEmpty();
        assertThat(mode(home.resolve("secret.key"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("pgdata"))).isEqualTo("rwx------");
        assertThat(mode(home.resolve("pgdata/dtaas-superuser.password"))).isEqualTo("rw-------");

        long server = postmasterPid();
        assertThat(app.terminate(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(server).isEmpty()
                || !ProcessHandle.of(server).get().isAlive());
    }

    private static AppProcess start(String name) throws Exception {
        AppProcess p = AppProcess.start(name, ROOT.resolve("control-plane/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx512m"), List.of("--no-browser", "--port", Integer.toString(port)), env);
        p.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", START_WAIT);
        return p;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long createConnector() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "kept across a kill");
        body.put("connector_type", "source");
        body.put("source_type", "postgresql");
        body.put("connection_config", PostgresFixture.connectionConfig("postgres"));
        return api.expect(201, "/api/connectors", body).path("id").asLong();
    }

    private static List<String> pidFileLines() throws IOException {
        return Files.readAllLines(home.resolve("pgdata/postmaster.pid"));
    }

    private static long postmasterPid() throws IOException {
        return Long.parseLong(pidFileLines().getFirst().strip());
    }

    /** The real psql client, without a password (or with a guessed one), as any user on the machine could try. */
    private static void assertRefusesWithoutPassword(int dbPort) throws Exception {
        for (String password : new String[] {null, "postgres"}) {
            for (String user : List.of("postgres", "dtaas_app")) {
                ProcessBuilder psql = new ProcessBuilder("psql", "-w", "-X", "-At", "-h", "127.0.0.1", "-p",
                        Integer.toString(dbPort), "-U", user, "-d", "dtaas", "-c", "SELECT 'inside'")
                        .redirectErrorStream(true);
                psql.environment().keySet().removeIf(k -> k.startsWith("PG"));
                psql.environment().put("PGPASSFILE", "/nonexistent/dtaas-test-pgpass");
                if (password != null) {
                    psql.environment().put("PGPASSWORD", password);
                }
                Process p = psql.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(output).isNotZero();
                assertThat(output).doesNotContain("inside")
                        .containsAnyOf("no password supplied", "password authentication failed");
            }
        }
    }

    private static List<String> groupOrOtherWritable(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                        found.add(p + " " + PosixFilePermissions.toString(perms));
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a server's temporary file
                }
            }
        }
        return found;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static void chmod(Path p, String mode) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
