package io.dtaas.controlplane.testing;

import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.util.Map;

/** The metadata store on the machine's real PostgreSQL, in a database created fresh for the test run. */
public class MetadataPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "dtaas_cp_it";

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

    @Override
    public void stop() {
        // the database stays for inspection; the next run recreates it
    }
}
