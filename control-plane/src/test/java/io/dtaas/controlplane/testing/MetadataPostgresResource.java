package io.dtaas.controlplane.testing;

import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.util.Map;

/** The metadata store on the machine's real PostgreSQL, in a database created fresh for the test run. */
public class MetadataPostgresResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Engineers sharing one PostgreSQL run this suite from several worktrees at once; each names its own
     * metadata database with DTAAS_TEST_METADATA_DB (system property or env) so runs never drop each other's.
     */
    public static final String DATABASE = databaseName();

    @Override
    public Map<String, String> start() {
        try {
            PostgresFixture.freshDatabase(DATABASE);
            return Map.of(
                    "quarkus.datasource.jdbc.url", PostgresFixture.jdbcUrl(DATABASE),
                    "quarkus.datasource.username", PostgresFixture.USER,
                    "quarkus.datasource.password", "",
                    "dtaas.home", Files.createTempDirectory("dtaas-home").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the metadata database", e);
        }
    }

    private static String databaseName() {
        String name = System.getProperty("DTAAS_TEST_METADATA_DB", System.getenv("DTAAS_TEST_METADATA_DB"));
        if (name == null || name.isBlank()) {
            return "dtaas_cp_it";
        }
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("DTAAS_TEST_METADATA_DB must be a lower-case SQL identifier, got '" + name + "'");
        }
        return name;
    }

    @Override
    public void stop() {
        // the database stays for inspection; the next run recreates it
    }
}
