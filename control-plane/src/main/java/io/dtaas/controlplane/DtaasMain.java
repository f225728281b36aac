package io.dtaas.controlplane;

import io.dtaas.config.LaunchEnvironment;
import io.dtaas.controlplane.launch.BrowserOpener;
import io.dtaas.controlplane.launch.DataDirPermissions;
import io.dtaas.engine.cli.FullLoadCli;
import io.dtaas.controlplane.launch.LaunchOptions;
import io.dtaas.metadata.DatabaseUrl;
import io.dtaas.controlplane.metadata.EmbeddedMetadataStore;
import io.dtaas.controlplane.metadata.EmbeddedStoreStartup;
import io.dtaas.controlplane.openapi.StoredApiDocument;
import io.dtaas.controlplane.security.ApiAccessPolicy;
import io.dtaas.secret.MasterKeys;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * The {@code ./dtaas} entry point. Reads the seed's flags and env vars, then picks the metadata store: the
 * PostgreSQL in {@code DATABASE_URL}, or an embedded one in the data dir (zero setup), which starts beside Quarkus'
 * boot (Flyway, its first user, waits for it). Then runs Quarkus.
 */
@QuarkusMain
public class DtaasMain {

    /** Held so the level set on it is not lost to garbage collection before Quarkus configures logging. */
    private static final java.util.logging.Logger EMBEDDED_PG_LOG = java.util.logging.Logger.getLogger("io.zonky");

    public static void main(String... args) {
        EMBEDDED_PG_LOG.setLevel(java.util.logging.Level.WARNING);
        if (args.length > 0 && args[0].equals("load")) {
            System.exit(FullLoadCli.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        LaunchOptions options = new LaunchOptions();
        CommandLine cli = new CommandLine(options);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("dtaas: " + e.getMessage());
            cli.usage(System.err);
            System.exit(2);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            if (cli.isUsageHelpRequested()) {
                cli.usage(System.out);
            } else {
                cli.printVersionHelp(System.out);
            }
            return;
        }
        // flags > environment > .env in the working directory > defaults
        LaunchEnvironment env = LaunchEnvironment.load(System.getenv(), Path.of("").toAbsolutePath());
        String host = first(options.host(), value(env, "HOST"), "127.0.0.1");
        String port = first(options.port() == null ? null : options.port().toString(), value(env, "PORT"), "8000");
        Path home = Path.of(first(options.dataDir() == null ? null : options.dataDir().toString(), value(env, "DTAAS_HOME"),
                System.getProperty("user.home") + "/.dtaas")).toAbsolutePath().normalize();
        Optional<String> refusal = ApiAccessPolicy.startupProblem(host, value(env, "DTAAS_API_TOKEN"));
        if (refusal.isPresent()) {
            System.err.println("dtaas: refusing to start. " + refusal.get());
            System.exit(2);
        }
        System.setProperty("quarkus.http.host", host);
        System.setProperty("quarkus.http.port", port);
        System.setProperty("dtaas.home", home.toString());
        String workers = first(options.workers() == null ? null : options.workers().toString(), value(env, "MAX_WORKERS"));
        if (workers != null) {
            System.setProperty("dtaas.workers", workers);
        }
        applyFromEnvironment(env);
        System.setProperty("dtaas.open-browser", Boolean.toString(!options.noBrowser()));
        securePermissions(home);
        EmbeddedStoreStartup embedded = startMetadataStore(value(env, "DATABASE_URL"), home);
        StoredApiDocument.hideFromQuarkus(); // served by our route, not parsed again at every start
        try {
            Quarkus.run(Standalone.class, args);
        } finally {
            closeQuietly(embedded);
        }
    }

    private static EmbeddedStoreStartup startMetadataStore(String databaseUrl, Path home) {
        if (System.getProperty("quarkus.datasource.jdbc.url") != null || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return null;
        }
        if (databaseUrl != null && databaseUrl.startsWith("sqlite:")) {
            System.err.println("dtaas: DATABASE_URL=" + databaseUrl + " names SQLite; DTaaS keeps its metadata in PostgreSQL,"
                    + " so it uses the embedded one in " + home.resolve("pgdata") + " instead (unset DATABASE_URL to silence"
                    + " this, or give a postgresql:// URL)");
        } else if (databaseUrl != null && !databaseUrl.isBlank()) {
            try {
                DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
                System.setProperty("quarkus.datasource.jdbc.url", url.jdbcUrl());
                if (url.username() != null) {
                    System.setProperty("quarkus.datasource.username", url.username());
                }
                if (url.password() != null) {
                    System.setProperty("quarkus.datasource.password", url.password());
                }
                return null;
            } catch (IllegalArgumentException e) {
                System.err.println("dtaas: " + e.getMessage());
                System.exit(2);
            }
        }
        Path pgdata = home.resolve("pgdata");
        String advice = "\nSet DATABASE_URL=postgresql://user:pass@host:5432/dtaas to use an existing server.";
        try {
            System.out.println("DTaaS: starting the embedded metadata database in " + pgdata);
            EmbeddedMetadataStore.Reservation store = EmbeddedMetadataStore.reserve(pgdata);
            System.setProperty("quarkus.datasource.jdbc.url", store.jdbcUrl());
            System.setProperty("quarkus.datasource.username", store.username());
            System.setProperty("quarkus.datasource.password", store.password());
            return EmbeddedStoreStartup.begin(store, message -> System.out.println("DTaaS: " + message),
                    e -> System.err.println("dtaas: cannot start the embedded metadata database in " + pgdata + ": "
                            + e.getMessage() + advice));
        } catch (Exception e) {
            System.err.println("dtaas: cannot start the embedded metadata database in " + pgdata + ": "
                    + e.getMessage() + advice);
            System.exit(1);
            return null;
        }
    }

    /**
     * The settings Quarkus reads through its own configuration, taken from the same place as the launcher's (so a
     * {@code .env} value counts): Redis, secrets, the token, and the seed's log levels.
     */
    private static void applyFromEnvironment(LaunchEnvironment env) {
        env.exportToSystemProperties("REDIS_URL", "DTAAS_SECRET_KEY", "DTAAS_SECRET_KEY_PREVIOUS", "DTAAS_API_TOKEN", "DTAAS_ALLOWED_HOSTS",
                "DTAAS_ALLOWED_ORIGINS", "DTAAS_FILES_ROOTS", "DTAAS_REDIS_PREFIX");
    }

    private static String value(LaunchEnvironment env, String key) {
        return env.nonBlank(key).orElse(null);
    }

    /**
     * Nothing in the data dir may be writable by other users, and keys, passwords and the database files are the
     * owner's only: checked and repaired before anything in it is used, each repair reported.
     */
    private static void securePermissions(Path home) {
        try {
            // a new data dir is private; an existing one keeps its read bits and loses the write bits below
            if (!java.nio.file.Files.exists(home)) {
                DataDirPermissions.createPrivateDirectory(home);
            }
            List<Path> ownerOnly = new ArrayList<>(EmbeddedMetadataStore.privatePaths(Path.of("pgdata")));
            ownerOnly.add(Path.of(MasterKeys.KEY_FILE));
            for (String repair : DataDirPermissions.secure(home, Set.copyOf(ownerOnly))) {
                System.out.println("DTaaS: " + repair);
            }
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("dtaas: cannot check the permissions in the data dir " + home + ": " + e.getMessage());
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static void closeQuietly(EmbeddedStoreStartup store) {
        if (store != null) {
            store.close();
        }
    }

    /** Runs until asked to stop; announces the URL and opens the browser once the server listens. */
    public static class Standalone implements QuarkusApplication {

        @Override
        public int run(String... args) {
            String host = System.getProperty("quarkus.http.host", "127.0.0.1");
            String shown = host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
            String url = "http://" + shown + ":" + System.getProperty("quarkus.http.port", "8000");
            System.out.println("DTaaS is running at " + url + "  (API docs: " + url + "/docs)");
            if (Boolean.parseBoolean(System.getProperty("dtaas.open-browser", "false"))) {
                BrowserOpener.open(url);
            }
            Quarkus.waitForExit();
            return 0;
        }
    }
}
