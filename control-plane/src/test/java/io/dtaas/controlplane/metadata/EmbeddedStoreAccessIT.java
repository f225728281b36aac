package io.dtaas.controlplane.metadata;

import io.dtaas.secret.MasterKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks on the embedded metadata PostgreSQL started the way {@code ./dtaas} starts it, with the real {@code psql}
 * client and the JDBC driver: nobody gets in without the password, there is no socket to reach it by, and the role
 * DTaaS works as cannot read the master key file, write files or run programs.
 */
class EmbeddedStoreAccessIT {

    private static Path home;
    private static Path data;
    private static Path keyFile;
    private static EmbeddedMetadataStore store;
    private static String superPassword;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("dtaas-store-access");
        data = home.resolve("pgdata");
        store = EmbeddedMetadataStore.start(data);
        MasterKeys.cipher(null, home); // the key file exactly as standalone mode creates it
        keyFile = home.resolve(MasterKeys.KEY_FILE);
        superPassword = Files.readString(data.resolve(EmbeddedMetadataStore.SUPERUSER_PASSWORD_FILE)).strip();
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        StoreFiles.deleteTree(home);
    }

    @ParameterizedTest
    @CsvSource({"postgres,postgres", "postgres,dtaas", "postgres,template1", "dtaas_app,dtaas", "dtaas_app,postgres",
            "nobody,dtaas", "DTAAS_APP,dtaas"})
    void psqlWithoutAPasswordIsRefused(String user, String database) throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            Psql.Result r = Psql.run(host, store.port(), user, database, null, "SELECT 'inside'");
            assertThat(r.exit()).as(r.output()).isNotZero();
            assertThat(r.output()).doesNotContain("inside")
                    .containsAnyOf("no password supplied", "no pg_hba.conf entry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "", "postgres", "dtaas", "trust", "' OR '1'='1"})
    void psqlWithAWrongPasswordIsRefused(String password) throws Exception {
        for (String user : List.of("postgres", "dtaas_app")) {
            Psql.Result r = Psql.run("127.0.0.1", store.port(), user, "dtaas", password, "SELECT 'inside'");
            assertThat(r.exit()).as(r.output()).isNotZero();
            assertThat(r.output()).doesNotContain("inside");
        }
    }

    @Test
    void eachPasswordOpensOnlyItsOwnRoleAndDatabase() throws Exception {
        assertThat(Psql.run("127.0.0.1", store.port(), "postgres", "dtaas", store.password(), "SELECT 1").output())
                .contains("password authentication failed");
        assertThat(Psql.run("127.0.0.1", store.port(), "dtaas_app", "dtaas", superPassword, "SELECT 1").output())
                .contains("password authentication failed");
        assertThat(Psql.run("127.0.0.1", store.port(), "dtaas_app", "postgres", store.password(), "SELECT 1").output())
                .contains("no pg_hba.conf entry");
        // the right ones work, so the refusals above are about the passwords
        Psql.Result app = Psql.run("127.0.0.1", store.port(), "dtaas_app", "dtaas", store.password(),
                "SELECT current_user || '@' || current_database()");
        assertThat(app.output().strip()).as(app.output()).isEqualTo("dtaas_app@dtaas");
        Psql.Result admin = Psql.run("127.0.0.1", store.port(), "postgres", "postgres", superPassword, "SELECT 7 * 6");
        assertThat(admin.output().strip()).as(admin.output()).isEqualTo("42");
    }

    @Test
    void jdbcWithoutOrWithAWrongPasswordIsRefused() {
        assertThatThrownBy(() -> connect("postgres", "postgres", null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> connect("dtaas_app", "dtaas", null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> connect("postgres", "dtaas", "wrong")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        assertThatThrownBy(() -> connect("dtaas_app", "dtaas", superPassword)).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        assertThatThrownBy(() -> connect("dtaas_app", "template1", store.password())).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    }

    @Test
    void thereIsNoUnixSocketAndTheServerHoldsOnlyPasswordRulesForLoopback() throws Exception {
        for (Path dir : List.of(data, Path.of("/tmp"), Path.of("/var/run/postgresql"), home)) {
            assertThat(dir.resolve(".s.PGSQL." + store.port())).doesNotExist();
            for (String user : List.of("postgres", "dtaas_app")) {
                Psql.Result r = Psql.run(dir.toString(), store.port(), user, "dtaas", null, "SELECT 'inside'");
                assertThat(r.exit()).as(r.output()).isNotZero();
                assertThat(r.output()).doesNotContain("inside").contains("No such file or directory");
            }
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf")).lines().filter(l -> !l.startsWith("#")))
                .allSatisfy(line -> assertThat(line).doesNotContain("trust").doesNotContain("peer")
                        .doesNotStartWith("local"));
        try (Connection c = connect("postgres", "postgres", superPassword); Statement st = c.createStatement()) {
            List<String> rules = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT type, address, auth_method, error FROM pg_hba_file_rules")) {
                while (rs.next()) {
                    rules.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            assertThat(rules).hasSize(4).allSatisfy(rule -> assertThat(rule).matches(
                    "host (127\\.0\\.0\\.1|::1) scram-sha-256 null"));
            assertThat(setting(st, "unix_socket_directories")).isEmpty();
            assertThat(setting(st, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(setting(st, "password_encryption")).isEqualTo("scram-sha-256");
            try (ResultSet rs = st.executeQuery("SELECT rolname, rolpassword FROM pg_authid WHERE rolcanlogin")) {
                int roles = 0;
                while (rs.next()) {
                    roles++;
                    assertThat(rs.getString(2)).as(rs.getString(1)).startsWith("SCRAM-SHA-256$");
                }
                assertThat(roles).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT pg_read_file('%1$s')",
            "SELECT pg_read_file('%1$s', 0, 64, true)",
            "SELECT pg_read_binary_file('%1$s')",
            "SELECT pg_stat_file('%1$s')",
            "SELECT pg_ls_dir('%2$s')",
            "SELECT lo_import('%1$s')",
            "COPY attack_sink FROM '%1$s'",
            "COPY attack_sink FROM PROGRAM 'cat %1$s'",
            "COPY (SELECT 1) TO PROGRAM 'touch %2$s/pwned'",
            "COPY (SELECT 'x') TO '%2$s/pwned'",
            "CREATE FUNCTION attack_system(cstring) RETURNS int AS '/lib/x86_64-linux-gnu/libc.so.6', 'system' LANGUAGE c",
            "ALTER ROLE dtaas_app SUPERUSER",
            "ALTER ROLE dtaas_app CREATEROLE",
            "GRANT pg_read_server_files TO dtaas_app",
            "GRANT pg_execute_server_program TO dtaas_app",
            "SET ROLE postgres",
            "SET SESSION AUTHORIZATION postgres",
            "ALTER SYSTEM SET listen_addresses = '*'",
            "SELECT pg_reload_conf()",
            "ALTER USER postgres PASSWORD 'known'",
    })
    void theApplicationRoleCannotReachFilesProgramsOrOtherRoles(String attack) throws Exception {
        String sql = attack.formatted(keyFile, home);
        try (Connection c = connect("dtaas_app", "dtaas", store.password()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS attack_sink (line text)");
            assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
        assertThat(home.resolve("pwned")).doesNotExist();
        String key = Files.readString(keyFile).strip();
        Psql.Result viaPsql = Psql.run("127.0.0.1", store.port(), "dtaas_app", "dtaas", store.password(), sql);
        assertThat(viaPsql.exit()).as(viaPsql.output()).isNotZero();
        assertThat(viaPsql.output()).contains("ERROR:").doesNotContain(key);
        assertThat(home.resolve("pwned")).doesNotExist();
    }

    @Test
    void theApplicationRoleOwnsItsDatabaseAndIsNothingMore() throws Exception {
        try (Connection c = connect("dtaas_app", "dtaas", store.password()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,"
                    + " pg_has_role(current_user, 'pg_read_server_files', 'MEMBER'),"
                    + " pg_has_role(current_user, 'pg_write_server_files', 'MEMBER'),"
                    + " pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER'),"
                    + " (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid),"
                    + " (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())"
                    + " FROM pg_roles r WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= 8; i++) {
                    assertThat(rs.getBoolean(i)).as("column " + i).isFalse();
                }
                assertThat(rs.getLong(9)).isZero();
                assertThat(rs.getString(10)).isEqualTo("dtaas_app");
            }
            // what DTaaS needs it can do: create, change and drop its own tables
            st.execute("CREATE TABLE owner_probe (id bigint GENERATED ALWAYS AS IDENTITY, v text)");
            st.execute("ALTER TABLE owner_probe ADD COLUMN w int");
            st.execute("INSERT INTO owner_probe (v, w) VALUES ('a', 1)");
            st.execute("DROP TABLE owner_probe");
        }
    }

    @Test
    void filesOfTheStoreAreTheOwnersOnly() throws Exception {
        assertThat(StoreFiles.mode(data)).isEqualTo("rwx------");
        assertThat(StoreFiles.mode(data.resolve(EmbeddedMetadataStore.SUPERUSER_PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(StoreFiles.mode(home.resolve("pgdata.lock"))).isEqualTo("rw-------");
        assertThat(StoreFiles.mode(home.resolve("pg-runtime"))).isEqualTo("rwx------");
        assertThat(StoreFiles.mode(home.resolve("pg-runtime/binaries"))).isEqualTo("rwx------");
        assertThat(StoreFiles.mode(keyFile)).isEqualTo("rw-------");
        assertThat(StoreFiles.groupOrOtherWritable(home)).isEmpty();
        assertThat(Files.readString(data.resolve(EmbeddedMetadataStore.SUPERUSER_PASSWORD_FILE)).strip())
                .matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void aSecondStoreOnTheSameDataDirIsRefusedAndTheFirstKeepsRunning() throws Exception {
        assertThatThrownBy(() -> EmbeddedMetadataStore.start(data)).hasMessageContaining("in use by another running DTaaS");
        try (Connection c = connect("dtaas_app", "dtaas", store.password()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    private static String setting(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(String user, String database, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + store.port() + "/" + database, props);
    }
}
