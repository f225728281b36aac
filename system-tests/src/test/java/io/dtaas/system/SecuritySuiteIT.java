package io.dtaas.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.testing.PathVariants;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security regression suite (issue 11): attacks against running instances started exactly as {@code ./dtaas}
 * starts them (the packaged control-plane, an embedded metadata PostgreSQL in a fresh data dir), one on loopback
 * without a token and one on {@code --host 0.0.0.0} with {@code DTAAS_API_TOKEN}, with real PostgreSQL behind them.
 * Each attack checks that it failed AND that nothing stored changed.
 */
class SecuritySuiteIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String TOKEN = "suite-token-" + Long.toHexString(System.nanoTime());
    private static final String SRC = "dtaas_sys_sec_src";

    private static Instance loopback;
    private static Instance tokened;

    /** A running instance: its process, port and data dir. */
    record Instance(AppProcess process, int port, Path home) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.execute(SRC, "CREATE TABLE victim (id int PRIMARY KEY, v text)",
                "INSERT INTO victim SELECT g, 'row ' || g FROM generate_series(1, 10) g");
        loopback = launch("sec-loopback", List.of(), Map.of());
        tokened = launch("sec-tokened", List.of("--host", "0.0.0.0"), Map.of("DTAAS_API_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance i : new Instance[]{loopback, tokened}) {
            if (i != null) {
                i.process().close();
            }
        }
    }

    private static Instance launch(String name, List<String> args, Map<String, String> extraEnv) throws Exception {
        Path home = Files.createTempDirectory("dtaas-sec-home-");
        int port = AppProcess.freePort();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("DTAAS_HOME", home.toString());
        List<String> all = new ArrayList<>(List.of("--no-browser", "--port", Integer.toString(port)));
        all.addAll(args);
        AppProcess p = AppProcess.start(name, ROOT.resolve("control-plane/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx512m", "--enable-native-access=ALL-UNNAMED"), all, env);
        p.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(120));
        return new Instance(p, port, home);
    }

    // ---- 11.1: nobody gets in without the token --------------------------------------------------------------

    @Test
    void noSpellingOfAnyRouteReachesTheApiWithoutTheToken() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(RawHttp.get(tokened.port(), "/openapi.json").body());
        List<String> breaches = new ArrayList<>();
        int tried = 0;
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            String path = p.getKey().replaceAll("\\{id}", "1").replaceAll("\\{[^}]+}", "t");
            for (Iterator<String> it = p.getValue().fieldNames(); it.hasNext(); ) {
                String method = it.next().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                List<String> spellings = new ArrayList<>(PathVariants.of(path));
                spellings.add(path);
                for (String target : spellings) {
                    RawHttp.Reply r = RawHttp.send(tokened.port(), method, target, Map.of("Content-Type", "application/json"),
                            method.equals("GET") || method.equals("DELETE") ? null : "{}");
                    tried++;
                    if (r.status() != 401 && r.status() != 404) {
                        breaches.add(method + " " + target + " -> " + r.status());
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(1000);
        assertThat(breaches).isEmpty();
        assertThat(RawHttp.send(tokened.port(), "GET", "/api/connectors", Map.of("Authorization", "Bearer " + TOKEN), null)
                .body()).isEqualTo("[]"); // and nothing was created by any of them
    }

    // ---- 11.6: a web page cannot drive a loopback instance ---------------------------------------------------

    @Test
    void aWebPageCannotDriveTheLoopbackInstance() throws Exception {
        Map<String, Object> config = PostgresFixture.connectionConfig(SRC);
        String body = new ObjectMapper().writeValueAsString(Map.of("name", "victim db", "connector_type", "source",
                "source_type", "postgresql", "connection_config", config));
        RawHttp.Reply created = RawHttp.send(loopback.port(), "POST", "/api/connectors",
                Map.of("Content-Type", "application/json"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = new ObjectMapper().readTree(created.body()).get("id").asLong();
        // other tests of the suite share the instance: count what is there before the attacks
        int before = new ObjectMapper().readTree(RawHttp.get(loopback.port(), "/api/connectors").body()).size();

        // DNS rebinding: the attacker's name resolved to 127.0.0.1 reads nothing
        RawHttp.Reply rebound = RawHttp.send(loopback.port(), "GET", "/api/connectors",
                Map.of("Host", "attacker.example:" + loopback.port()), null);
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).doesNotContain("victim db");
        // cross-site form posts and fetches change nothing
        for (Map<String, String> h : List.of(
                Map.of("Origin", "http://attacker.example", "Content-Type", "application/x-www-form-urlencoded"),
                Map.of("Sec-Fetch-Site", "cross-site", "Content-Type", "text/plain"),
                Map.of("Content-Type", "text/plain"))) {
            assertThat(RawHttp.send(loopback.port(), "DELETE", "/api/connectors/" + id, h, "x=1").status()).isIn(403, 415);
            assertThat(RawHttp.send(loopback.port(), "POST", "/api/connectors", h, "name=evil").status()).isIn(403, 415);
        }
        RawHttp.Reply list = RawHttp.get(loopback.port(), "/api/connectors");
        assertThat(new ObjectMapper().readTree(list.body()).size()).as("nothing created or deleted").isEqualTo(before);
        assertThat(list.body()).contains("victim db");
    }

    // ---- 11.2: the read-only console stays read-only ----------------------------------------------------------

    @Test
    void theQueryConsoleRunsOneReadOnlyStatementOnly() throws Exception {
        long pg = create(loopback, Map.of("name", "console " + System.nanoTime(), "connector_type", "source",
                "source_type", "postgresql", "connection_config", PostgresFixture.connectionConfig(SRC)));
        Map<String, String> attacks = Map.of(
                "SELECT '\\'; COMMIT; DELETE FROM victim WHERE id=3; COMMIT; --'", "only one statement",
                "SELECT 1 /* /* */ ; DELETE FROM victim; --", "unterminated comment",
                "SELECT $a$ $a$; DELETE FROM victim", "only one statement",
                "COPY victim TO PROGRAM 'id'", "found COPY",
                "SELECT pg_read_file('/etc/hostname')", "pg_read_file",
                "SELECT pg_terminate_backend(pg_backend_pid())", "volatile",
                "SELECT lo_import('/etc/hostname')", "lo_import",
                "WITH d AS (DELETE FROM victim RETURNING id) SELECT * FROM d", "data-modifying");
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            RawHttp.Reply r = RawHttp.send(loopback.port(), "POST", "/api/connectors/" + pg + "/query",
                    Map.of("Content-Type", "application/json"), new ObjectMapper().writeValueAsString(Map.of("sql", attack.getKey())));
            assertThat(r.status()).as(attack.getKey() + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).as(attack.getKey()).contains("\"sql\"").contains(attack.getValue());
        }
        RawHttp.Reply read = RawHttp.send(loopback.port(), "POST", "/api/connectors/" + pg + "/query",
                Map.of("Content-Type", "application/json"), "{\"sql\": \"SELECT count(*) AS n FROM victim\"}");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(read.body()).at("/rows/0/0").asInt()).isEqualTo(10);
        RawHttp.Reply test = RawHttp.send(loopback.port(), "POST", "/api/connectors/" + pg + "/test", Map.of(), null);
        assertThat(test.body()).as("the superuser role is pointed out").contains("is a superuser");
    }

    // ---- 11.3 / 11.4: driver options stay off, stored secrets stay with their endpoint ------------------------

    private static long create(Instance i, Map<String, Object> body) throws Exception {
        RawHttp.Reply r = RawHttp.send(i.port(), "POST", "/api/connectors", Map.of("Content-Type", "application/json"),
                new ObjectMapper().writeValueAsString(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body()).get("id").asLong();
    }

    @Test
    void driverOptionsCannotBeInjectedAndSecretsNeverTravelToAnotherHost() throws Exception {
        Map<String, Object> my = new HashMap<>(io.dtaas.testing.MariaDbFixture.connectionConfig("mysql"));
        long maria = create(loopback, Map.of("name", "maria " + System.nanoTime(), "connector_type", "source",
                "source_type", "mysql", "connection_config", my));
        for (String db : List.of("mysql?allowMultiQueries=true&allowLocalInfile=true", "x&allowLocalInfile=true",
                "db%3FallowLocalInfile%3Dtrue", "db;x=1", "db/other")) {
            RawHttp.Reply r = RawHttp.get(loopback.port(), "/api/connectors/" + maria + "/tables?database="
                    + java.net.URLEncoder.encode(db, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.status()).as(db + ": " + r.body()).isIn(404, 422);
        }
        // the stored password is never sent to a host the caller picks
        try (java.net.ServerSocket trap = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(1500);
            Map<String, Object> moved = new HashMap<>(my);
            moved.put("port", trap.getLocalPort());
            moved.put("password", "********");
            RawHttp.Reply r = RawHttp.send(loopback.port(), "POST", "/api/connectors/test", Map.of("Content-Type",
                    "application/json"), new ObjectMapper().writeValueAsString(Map.of("connector_type", "source",
                    "source_type", "mysql", "connector_id", maria, "connection_config", moved)));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.body()).contains("connection_config.password");
            assertThatThrownBy(trap::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    // ---- 11.5: the embedded metadata database takes DTaaS only -----------------------------------------------

    @Test
    void theEmbeddedMetadataDatabaseRefusesAnyoneElse() throws Exception {
        List<String> pid = Files.readAllLines(loopback.home().resolve("pgdata/postmaster.pid"));
        String port = pid.get(3).strip();
        for (String user : List.of("postgres", "dtaas_app")) {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", port, "-U", user, "-d", "dtaas", "-w",
                    "-c", "select pg_read_file('secret.key')").redirectErrorStream(true).start();
            String out = new String(psql.getInputStream().readAllBytes());
            assertThat(psql.waitFor()).as(out).isNotZero();
            assertThat(out).containsAnyOf("password", "authentication");
        }
        for (Path p : List.of(loopback.home(), loopback.home().resolve("pgdata"))) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                    .doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
                            java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                            java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        }
    }

    // ---- 11.7: files only under the configured roots ---------------------------------------------------------

    @Test
    void localFilesCannotPointOutsideTheRoots() throws Exception {
        for (String path : List.of("/", "/etc", "/home", "/tmp", loopback.home() + "/files/../pgdata", "relative/dir")) {
            RawHttp.Reply r = RawHttp.send(loopback.port(), "POST", "/api/connectors", Map.of("Content-Type",
                    "application/json"), new ObjectMapper().writeValueAsString(Map.of("name", "files " + System.nanoTime(),
                    "connector_type", "destination", "destination_type", "local_files",
                    "connection_config", Map.of("path", path, "file_format", "csv"))));
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).contains("connection_config.path");
        }
    }

    /**
     * A source's values become folder names (partition_by) and a task's template becomes file names: neither can
     * leave the destination's folder, on the packaged instance, through the API a browser would use.
     */
    @Test
    void partitionValuesAndFileNameTemplatesStayInsideTheTablesFolder() throws Exception {
        PostgresFixture.execute(SRC, "DROP TABLE IF EXISTS hostile",
                "CREATE TABLE hostile (id int PRIMARY KEY, region text)",
                "INSERT INTO hostile VALUES (1, '../../pgdata'), (2, '/etc/cron.d'), (3, '..'), (4, '.hidden'),"
                        + " (5, 'a/b\\c'), (6, 'k=v%2F'), (7, NULL), (8, ''), (9, E'tab\\there'), (10, 'EU')");
        Path out = loopback.home().resolve("files/sec-out");
        long source = create(loopback, Map.of("name", "sec src " + System.nanoTime(), "connector_type", "source",
                "source_type", "postgresql", "connection_config", PostgresFixture.connectionConfig(SRC)));
        long files = create(loopback, Map.of("name", "sec files " + System.nanoTime(), "connector_type", "destination",
                "destination_type", "local_files", "connection_config", Map.of("path", out.toString(),
                        "file_format", "csv", "compression", "none")));
        ObjectMapper json = new ObjectMapper();
        for (String template : List.of("../{table}-{run}-{chunk}-{part}.{ext}", "/etc/{run}-{chunk}-{part}.{ext}",
                ".{run}-{chunk}-{part}.{ext}", "{run}-{chunk}-{part}.{ext}/x", "{run}{chunk}{part}.{ext}")) {
            RawHttp.Reply r = RawHttp.send(loopback.port(), "POST", "/api/tasks", Map.of("Content-Type",
                    "application/json"), json.writeValueAsString(task("tpl " + System.nanoTime(), source, files,
                    Map.of("tables", List.of("public.hostile"), "file_name_template", template))));
            assertThat(r.status()).as(template + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).as(template).contains("config.file_name_template");
        }
        RawHttp.Reply saved = RawHttp.send(loopback.port(), "POST", "/api/tasks", Map.of("Content-Type",
                "application/json"), json.writeValueAsString(task("parts " + System.nanoTime(), source, files,
                Map.of("tables", List.of("public.hostile"), "partition_by", List.of("region")))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        long task = json.readTree(saved.body()).get("id").asLong();
        RawHttp.Reply started = RawHttp.send(loopback.port(), "POST", "/api/tasks/" + task + "/start", Map.of(), null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long execution = json.readTree(started.body()).get("id").asLong();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode e = json.readTree(RawHttp.send(loopback.port(), "GET", "/api/executions/" + execution, Map.of(),
                    null).body());
            return !e.path("status").asText().matches("pending|running");
        });
        JsonNode record = json.readTree(RawHttp.send(loopback.port(), "GET", "/api/executions/" + execution, Map.of(),
                null).body());
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("completed");
        assertThat(record.path("processed_rows").asLong()).isEqualTo(10);

        Path table = out.resolve("public/hostile");
        List<Path> all;
        try (var walk = Files.walk(loopback.home())) {
            all = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".csv")).toList();
        }
        for (Path f : all) {
            assertThat(f.normalize()).as("inside the table's folder").startsWith(table);
        }
        // the manifest's own record of a run's parts lives in the table's hidden .dtaas-manifest folder
        List<Path> written = all.stream().filter(f -> !table.relativize(f).startsWith(".dtaas-manifest")).toList();
        assertThat(written).as("one file per value folder (NULL and '' share one)").hasSize(9);
        for (Path f : written) {
            Path folder = table.relativize(f.getParent());
            assertThat(folder.getNameCount()).as(folder.toString()).isEqualTo(1);
            assertThat(folder.toString()).as("a region= folder, never hidden").startsWith("region=");
        }
        long rows = 0;
        for (Path f : written) {
            rows += Files.readAllLines(f).size() - 1; // header
        }
        assertThat(rows).as("every row in exactly one file").isEqualTo(10);
    }

    private static Map<String, Object> task(String name, long source, long destination, Map<String, Object> config) {
        return Map.of("name", name, "source_connector_id", source, "destination_connector_id", destination,
                "mode", "full_load", "schedule_type", "on_demand", "config", config);
    }
}
