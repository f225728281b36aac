package io.dtaas.controlplane.testing;

import io.dtaas.secret.SecretCipher;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An instance started after a master-key rotation: its metadata database (migrated and filled before the start)
 * holds connector secrets sealed under the old key, under the new key, and under a key nobody kept; the app starts
 * with {@code DTAAS_SECRET_KEY} = the new key and {@code DTAAS_SECRET_KEY_PREVIOUS} = the old one.
 */
public class RotatedKeyProfile implements QuarkusTestProfile {

    public static final String DATABASE = MetadataPostgresResource.DATABASE + "_rot";
    public static final String OLD_KEY = key(11);
    public static final String NEW_KEY = key(22);
    public static final String LOST_KEY = key(33);
    /** MariaDB's own database: always there (the MariaDB driver is not loadable before the app starts). */
    public static final String MARIA_DB = "mysql";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Seeded.class));
    }

    /** Seeds the store under the old keys before the app starts, then points the app at it with the new key. */
    public static class Seeded implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                PostgresFixture.freshDatabase(DATABASE);
                Flyway.configure().dataSource(PostgresFixture.jdbcUrl(DATABASE), PostgresFixture.USER, "")
                        .locations("classpath:db/migration").load().migrate();
                String config = "{\"host\":\"" + MariaDbFixture.HOST + "\",\"port\":" + MariaDbFixture.PORT
                        + ",\"database\":\"" + MARIA_DB + "\",\"username\":\"" + MariaDbFixture.USER + "\"}";
                String password = "{\"password\":\"" + MariaDbFixture.PASSWORD + "\"}";
                insert("sealed under the old key", config, SecretCipher.fromBase64(OLD_KEY).encrypt(password));
                insert("sealed under the new key", config, SecretCipher.fromBase64(NEW_KEY).encrypt(password));
                insert("sealed under a lost key", config, SecretCipher.fromBase64(LOST_KEY).encrypt(password));
                insert("without secrets", config, null);
                return Map.of(
                        "quarkus.datasource.jdbc.url", PostgresFixture.jdbcUrl(DATABASE),
                        "quarkus.datasource.username", PostgresFixture.USER,
                        "quarkus.datasource.password", "",
                        "dtaas.home", Files.createTempDirectory("dtaas-home-rot").toString(),
                        "dtaas.secret-key", NEW_KEY,
                        "dtaas.secret-key-previous", OLD_KEY);
            } catch (Exception e) {
                throw new IllegalStateException("cannot seed the rotated metadata database", e);
            }
        }

        private static void insert(String name, String config, String sealed) throws Exception {
            try (Connection c = PostgresFixture.connect(DATABASE); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO connectors (name, connector_type, type_id, connection_config, secret_config,"
                            + " created_at, updated_at) VALUES (?, 'source', 'mysql', ?::jsonb, ?, now(), now())")) {
                ps.setString(1, name);
                ps.setString(2, config);
                ps.setString(3, sealed);
                ps.execute();
            }
        }

        @Override
        public void stop() {
            // the database stays for inspection; the next run recreates it
        }
    }

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }
}
