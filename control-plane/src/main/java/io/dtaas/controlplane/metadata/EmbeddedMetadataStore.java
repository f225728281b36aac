package io.dtaas.controlplane.metadata;

import io.dtaas.controlplane.launch.DataDirPermissions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server run from binaries shipped in a jar, with its data in the DTaaS data dir: the
 * zero-setup metadata store of standalone mode. The launcher reserves it ({@link #reserve}) before Quarkus starts and
 * starts it beside Quarkus' boot ({@link EmbeddedStoreStartup}); the first connection waits for it.
 *
 * <p>At every start, in this order: take the data dir's lock (two DTaaS on one data dir is refused), stop a server an
 * earlier, killed DTaaS left running ({@link LeftoverPostmaster}), make the data dir, the binaries and the password
 * file private to the owner, write the access rules and (once per password) set the superuser's password with the
 * server down ({@link ServerAccess}), start the server, then let the superuser prepare the application role and its database
 * ({@link AppRoleBootstrap}). DTaaS itself connects as that role, with a password made for this run only.
 *
 * <p>Layout under the data dir's parent ({@code DTAAS_HOME}): {@code pgdata/} (the cluster, with
 * {@value #SUPERUSER_PASSWORD_FILE}), {@code pgdata.lock}, {@code pg-runtime/binaries/} (the unpacked PostgreSQL).
 */
public final class EmbeddedMetadataStore implements AutoCloseable {

    public static final String DATABASE = "dtaas";
    /** The superuser's generated password, mode 0600 in the cluster's directory; used for bootstrap only. */
    public static final String SUPERUSER_PASSWORD_FILE = "dtaas-superuser.password";
    /**
     * Present once the server holds the password in {@value #SUPERUSER_PASSWORD_FILE} (written after single-user mode
     * set it; removed before a new password is set), so later starts skip that step.
     */
    static final String SUPERUSER_PASSWORD_SET = "dtaas-superuser.password.set";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration SINGLE_USER_WAIT = Duration.ofMinutes(5); // includes crash recovery
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(15);
    private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final EmbeddedPostgres postgres;
    private final FileChannel lock;
    private final String password;
    private final LeftoverPostmaster.Outcome leftover;

    private EmbeddedMetadataStore(EmbeddedPostgres postgres, FileChannel lock, String password,
                                  LeftoverPostmaster.Outcome leftover) {
        this.postgres = postgres;
        this.lock = lock;
        this.password = password;
        this.leftover = leftover;
    }

    /** Starts (initialising on first use) the server whose data lives in {@code dataDir}; notices go to stdout. */
    public static EmbeddedMetadataStore start(Path dataDir) throws IOException {
        return start(dataDir, message -> System.out.println("DTaaS: " + message));
    }

    /** Starts the server whose data lives in {@code dataDir}, telling {@code log} what it repaired on the way. */
    public static EmbeddedMetadataStore start(Path dataDir, Consumer<String> log) throws IOException {
        return reserve(dataDir).start(log);
    }

    /**
     * Takes the data dir's lock and fixes what a client needs to know before the server runs (its port, this run's
     * application password), so that the launcher can hand them to Quarkus and start the server beside Quarkus' boot.
     */
    public static Reservation reserve(Path dataDir) throws IOException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path home = data.getParent();
        DataDirPermissions.createPrivateDirectory(home.resolve("pg-runtime"));
        FileChannel lock = lock(home.resolve(data.getFileName() + ".lock"), data);
        try {
            return new Reservation(data, lock, freePort(), PasswordFile.generate());
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A data dir locked for this process, with the port and credential its server will have once started. */
    public static final class Reservation {

        private final Path data;
        private final FileChannel lock;
        private final int port;
        private final String appPassword;

        private Reservation(Path data, FileChannel lock, int port, String appPassword) {
            this.data = data;
            this.lock = lock;
            this.port = port;
            this.appPassword = appPassword;
        }

        public String jdbcUrl() {
            return EmbeddedMetadataStore.jdbcUrl(port);
        }

        public String username() {
            return ServerAccess.APP_ROLE;
        }

        public String password() {
            return appPassword;
        }

        /** Starts the server (see the class comment for the steps); on failure the lock is released. */
        public EmbeddedMetadataStore start(Consumer<String> log) throws IOException {
            try {
                return startLocked(data, lock, port, appPassword, log);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        }
    }

    private static EmbeddedMetadataStore startLocked(Path data, FileChannel lock, int port, String appPassword,
                                                     Consumer<String> log) throws IOException {
        Path home = data.getParent();
        LeftoverPostmaster.Outcome leftover = new LeftoverPostmaster(data, FAST_SHUTDOWN_WAIT, IMMEDIATE_SHUTDOWN_WAIT,
                log).clear();
        Path workDir = home.resolve("pg-runtime").resolve("binaries");
        removeLegacyBinaries(home.resolve("pg-runtime"), log);
        if (Files.exists(data)) {
            DataDirPermissions.restrictToOwner(data);
        }
        Path passwordFile = data.resolve(SUPERUSER_PASSWORD_FILE);
        String superPassword = PasswordFile.read(passwordFile).orElseGet(PasswordFile::generate);
        RecordingBinaryResolver binaries = new RecordingBinaryResolver();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(workDir.toFile())
                .setPgBinaryResolver(binaries)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setConnectConfig("password", superPassword)
                .setDataDirectoryCustomizer(dir -> prepareCluster(data, binaries.binDir(workDir), superPassword));
        ServerAccess.SERVER_SETTINGS.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = startUnwrapped(builder);
        try {
            DataDirPermissions.restrictToOwner(workDir); // zonky opens its working directory to everyone
            AppRoleBootstrap.run("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/", superPassword, appPassword);
            return new EmbeddedMetadataStore(pg, lock, appPassword, leftover);
        } catch (IOException | SQLException | RuntimeException e) {
            pg.close();
            throw e instanceof IOException io ? io
                    : new IOException("cannot prepare the metadata database: " + e.getMessage(), e);
        }
    }

    /** A port free now (as zonky picks one); the server binds it a moment later. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What the start found of an earlier server on the data dir. */
    LeftoverPostmaster.Outcome leftover() {
        return leftover;
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The application role: owns the metadata database, nothing more. */
    public String username() {
        return ServerAccess.APP_ROLE;
    }

    /** The application role's password for this run (set anew at every start, stored nowhere). */
    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Paths under {@code DTAAS_HOME} that only the owner may read: the cluster, its binaries, its lock. */
    public static List<Path> privatePaths(Path dataDir) {
        Path name = dataDir.getFileName();
        return List.of(name, name.resolve(SUPERUSER_PASSWORD_FILE), Path.of(name + ".lock"), Path.of("pg-runtime"),
                Path.of("pg-runtime", "binaries"));
    }

    /**
     * Before the server starts (after initdb on first use): rules, password file, and the superuser's password unless
     * an earlier start already set this one.
     */
    private static void prepareCluster(Path data, Path binDir, String superPassword) {
        try {
            DataDirPermissions.restrictToOwner(data);
            Path passwordFile = data.resolve(SUPERUSER_PASSWORD_FILE);
            Path setMarker = data.resolve(SUPERUSER_PASSWORD_SET);
            boolean stored = PasswordFile.read(passwordFile).equals(Optional.of(superPassword));
            boolean alreadySet = stored && Files.exists(setMarker);
            if (!alreadySet) {
                Files.deleteIfExists(setMarker);
            }
            if (!stored) {
                PasswordFile.write(passwordFile, superPassword);
            }
            DataDirPermissions.restrictToOwner(passwordFile);
            ServerAccess.writeHbaFile(data);
            // a postgres process of its own (start, checkpoint, stop): only until the server is known to have it
            if (!alreadySet) {
                ServerAccess.setSuperuserPassword(binDir, data, superPassword, SINGLE_USER_WAIT);
                Files.createFile(setMarker, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres startUnwrapped(EmbeddedPostgres.Builder builder) throws IOException {
        try {
            return builder.start();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One DTaaS per data dir: a second one would stop the first one's server, taking it for a leftover. */
    private static FileChannel lock(Path lockFile, Path data) throws IOException {
        if (!Files.exists(lockFile)) {
            Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        try {
            FileLock held = channel.tryLock();
            if (held != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        channel.close();
        throw new IOException("the metadata database in " + data + " is in use by another running DTaaS (it holds "
                + lockFile + "); stop that one first, or give this one another data dir");
    }

    /**
     * Earlier versions unpacked PostgreSQL straight into {@code pg-runtime}, which zonky makes writable for everyone:
     * binaries that others could have replaced are not run again. They are unpacked anew under {@code binaries/}.
     */
    private static void removeLegacyBinaries(Path runtime, Consumer<String> log) throws IOException {
        List<Path> legacy;
        try (Stream<Path> entries = Files.list(runtime)) {
            legacy = entries.filter(p -> p.getFileName().toString().startsWith("PG-")).toList();
        }
        for (Path dir : legacy) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            log.accept("removed the PostgreSQL binaries unpacked by an earlier version in " + dir);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }
}
