package io.dtaas.controlplane.testing;

import io.dtaas.controlplane.metadata.EmbeddedMetadataStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The zero-setup path: the embedded PostgreSQL that standalone mode starts, in a fresh data dir. */
public class EmbeddedStoreResource implements QuarkusTestResourceLifecycleManager {

    /** Port of the running store, so tests can look at what was stored. */
    public static volatile int port;
    /** The application role and its password for this run, as DTaaS itself connects. */
    public static volatile String username;
    public static volatile String password;
    private EmbeddedMetadataStore store;
    private Path home;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("dtaas-embedded-home");
            store = EmbeddedMetadataStore.start(home.resolve("pgdata"));
            port = store.port();
            username = store.username();
            password = store.password();
            return Map.of(
                    "quarkus.datasource.jdbc.url", store.jdbcUrl(),
                    "quarkus.datasource.username", store.username(),
                    "quarkus.datasource.password", store.password(),
                    "dtaas.home", home.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded metadata store", e);
        }
    }

    @Override
    public void stop() {
        try {
            store.close();
            // the cluster and its own copy of the PostgreSQL binaries (about 60 MB)
            try (var tree = Files.walk(home)) {
                for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (Exception ignored) {
            // test JVM is finishing
        }
    }
}
