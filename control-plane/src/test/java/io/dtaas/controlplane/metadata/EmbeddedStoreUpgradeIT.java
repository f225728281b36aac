package io.dtaas.controlplane.metadata;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data dir made by an earlier version (zonky's defaults: {@code trust} for everyone, DTaaS working as the superuser,
 * binaries unpacked into a world-writable {@code pg-runtime}) is upgraded in place by the next start: password rules,
 * the application role owning everything the superuser had created, the data still there.
 */
class EmbeddedStoreUpgradeIT {

    private Path home;
    private Path data;

    @BeforeEach
    void earlierVersionsDataDir() throws Exception {
        home = Files.createTempDirectory("dtaas-store-upgrade");
        data = home.resolve("pgdata");
        // exactly what EmbeddedMetadataStore.start did before this change
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(home.resolve("pg-runtime").toFile()).setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            String base = "jdbc:postgresql://127.0.0.1:" + old.getPort() + "/";
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE dtaas");
            }
            Flyway.configure().dataSource(base + "dtaas", "postgres", "").locations("classpath:db/migration").load()
                    .migrate();
            try (Connection c = DriverManager.getConnection(base + "dtaas", "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("INSERT INTO variables (name, variable_type, config, created_at, updated_at)"
                        + " VALUES ('legacy_var', 'static', '{\"value\": \"kept\"}', now(), now())");
                st.execute("CREATE TYPE legacy_mood AS ENUM ('calm', 'busy')");
                st.execute("CREATE DOMAIN legacy_positive AS int CHECK (VALUE > 0)");
                st.execute("CREATE TABLE legacy_probe (id serial PRIMARY KEY, mood legacy_mood, n legacy_positive)");
                st.execute("CREATE SEQUENCE legacy_free_sequence");
                st.execute("CREATE VIEW legacy_view AS SELECT id, mood FROM legacy_probe");
                st.execute("CREATE FUNCTION legacy_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'");
                st.execute("INSERT INTO legacy_probe (mood, n) VALUES ('calm', 1)");
            }
            // the hole this upgrade closes: anyone on the machine could log in as the superuser without a password
            Psql.Result open = Psql.run("127.0.0.1", old.getPort(), "postgres", "dtaas", null, "SELECT 'inside'");
            assertThat(open.output()).contains("inside");
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");
        assertThat(data.resolve(EmbeddedMetadataStore.SUPERUSER_PASSWORD_FILE)).doesNotExist();
        assertThat(StoreFiles.mode(home.resolve("pg-runtime"))).isEqualTo("rwxrwxrwx");
    }

    @AfterEach
    void cleanUp() throws Exception {
        StoreFiles.deleteTree(home);
    }

    @Test
    void theNextStartLocksItDownAndHandsEverythingToTheApplicationRole() throws Exception {
        List<String> notices = new ArrayList<>();
        try (EmbeddedMetadataStore store = EmbeddedMetadataStore.start(data, notices::add)) {
            for (String user : List.of("postgres", "dtaas_app")) {
                Psql.Result r = Psql.run("127.0.0.1", store.port(), user, "dtaas", null, "SELECT 'inside'");
                assertThat(r.exit()).as(r.output()).isNotZero();
                assertThat(r.output()).doesNotContain("inside");
            }
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(StoreFiles.mode(data.resolve(EmbeddedMetadataStore.SUPERUSER_PASSWORD_FILE))).isEqualTo("rw-------");
            assertThat(StoreFiles.mode(home.resolve("pg-runtime"))).isEqualTo("rwx------");
            try (Stream<Path> runtime = Files.list(home.resolve("pg-runtime"))) {
                assertThat(runtime.map(p -> p.getFileName().toString())).containsOnly("binaries");
            }
            assertThat(notices).anyMatch(n -> n.startsWith("removed the PostgreSQL binaries unpacked by an earlier"));

            try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
                 Statement st = c.createStatement()) {
                assertThat(single(st, "SELECT config ->> 'value' FROM variables WHERE name = 'legacy_var'")).isEqualTo("kept");
                assertThat(single(st, "SELECT string_agg(DISTINCT pg_get_userbyid(relowner), ',') FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).isEqualTo("dtaas_app");
                assertThat(single(st, "SELECT string_agg(DISTINCT pg_get_userbyid(typowner), ',') FROM pg_type t"
                        + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'")).isEqualTo("dtaas_app");
                assertThat(single(st, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'legacy_fn'"))
                        .isEqualTo("dtaas_app");
                assertThat(single(st, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'"))
                        .isEqualTo("dtaas_app");
                // owner rights: write through the serial sequence, change the tables, use the free sequence
                st.execute("INSERT INTO legacy_probe (mood, n) VALUES ('busy', 2)");
                st.execute("ALTER TABLE legacy_probe ADD COLUMN note text");
                st.execute("ALTER TABLE variables ADD COLUMN upgrade_probe int");
                assertThat(single(st, "SELECT nextval('legacy_free_sequence')")).isEqualTo("1");
                assertThat(single(st, "SELECT count(*) FROM legacy_view")).isEqualTo("2");
            }
            // and the role migrates the schema from here on
            MigrateResult again = Flyway.configure().dataSource(store.jdbcUrl(), store.username(), store.password())
                    .locations("classpath:db/migration").load().migrate();
            assertThat(again.success).isTrue();
            assertThat(again.migrationsExecuted).isZero();
        }
    }

    private static String single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
