package io.dtaas.worker;

import io.dtaas.config.LaunchEnvironment;
import io.dtaas.metadata.DatabaseUrl;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * The {@code ./dtaas worker} entry point. A worker needs the metadata store the control-plane uses
 * ({@code DATABASE_URL}: connector settings, checkpoints, table leases) and Redis ({@code REDIS_URL}: jobs,
 * control, progress); without either it refuses to start and says why.
 */
@QuarkusMain
public class WorkerMain {

    public static void main(String... args) {
        // the environment over .env in the working directory, as for the control-plane
        LaunchEnvironment env = LaunchEnvironment.load(System.getenv(), Path.of("").toAbsolutePath());
        env.exportToSystemProperties("REDIS_URL", "DTAAS_SECRET_KEY", "DTAAS_SECRET_KEY_PREVIOUS", "MAX_WORKERS", "DTAAS_HOME", "DTAAS_WORKER_LEASE",
                "DTAAS_REDIS_PREFIX", "DTAAS_FILES_ROOTS", "WORKER_PORT", "HOST");
        String redis = env.nonBlank("REDIS_URL").orElse(null);
        String database = env.nonBlank("DATABASE_URL").orElse(null);
        boolean jdbcGiven = System.getProperty("quarkus.datasource.jdbc.url") != null
                || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
        if (redis == null || redis.isBlank()) {
            refuse("REDIS_URL is not set; a transfer-worker takes its jobs from Redis (e.g. REDIS_URL=redis://localhost:6379)");
        }
        if (!jdbcGiven) {
            if (database == null || database.isBlank()) {
                refuse("DATABASE_URL is not set; a transfer-worker reads connectors and checkpoints from the control-plane's "
                        + "metadata PostgreSQL (e.g. DATABASE_URL=postgresql://user:pass@host:5432/dtaas)");
            }
            try {
                DatabaseUrl url = DatabaseUrl.parse(database);
                System.setProperty("quarkus.datasource.jdbc.url", url.jdbcUrl());
                if (url.username() != null) {
                    System.setProperty("quarkus.datasource.username", url.username());
                }
                if (url.password() != null) {
                    System.setProperty("quarkus.datasource.password", url.password());
                }
            } catch (IllegalArgumentException e) {
                refuse(e.getMessage());
            }
        }
        Quarkus.run(args);
    }

    private static void refuse(String why) {
        System.err.println("dtaas worker: refusing to start. " + why);
        System.exit(2);
    }
}
