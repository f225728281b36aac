package io.dtaas.connect.files;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.objectstore.FileDestination;
import io.dtaas.error.ConfigError;
import io.dtaas.format.ParquetOptions;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A directory on the machine that runs the transfer, as a destination for Parquet, CSV and JSON-lines files.
 * Directories are confined to the {@link FileRoots} this process was configured with (each transfer-worker
 * applies its own): checked when settings are saved or tested ({@link #validate}), when a run opens the
 * destination (with its variables rendered) and on every write ({@link LocalDirectorySink}).
 */
public final class LocalFilesConnector implements Connector {

    public static final String ID = "local_files";

    private final FileRoots roots;
    private final ConnectorType type;

    public LocalFilesConnector(FileRoots roots) {
        this.roots = roots;
        this.type = new ConnectorType(ID, "Local files", Set.of(Role.DESTINATION), LocalFilesConfig.fields(roots),
                false);
    }

    @Override
    public ConnectorType type() {
        return type;
    }

    public FileRoots roots() {
        return roots;
    }

    /** @throws ConfigError naming {@code connection_config.path} when it is malformed or outside the roots */
    @Override
    public void validate(ConfigValues config) {
        LocalFilesConfig.from(config, roots);
    }

    /** Parquet, CSV or JSON-lines files under the directory, laid out as {@link FileDestination} says. */
    @Override
    public Destination destination(ConfigValues values) {
        LocalFilesConfig config = LocalFilesConfig.from(values, roots);
        if (config.templated()) {
            throw new ConfigError(LocalFilesConfig.PATH_FIELD, "holds {{variables}} that were not rendered for this run");
        }
        return new FileDestination(new LocalDirectorySink(config.placement()), config.layout(), ParquetOptions.DEFAULT,
                Clock.systemUTC());
    }

    /**
     * Writes and deletes a probe file in the directory, or in its deepest existing part when the rest is still
     * to be created (for a path with variables: in its fixed part). A path outside the roots fails.
     */
    @Override
    public CheckResult check(ConfigValues values, Duration timeout) {
        long started = System.nanoTime();
        LocalFilesConfig config;
        try {
            config = LocalFilesConfig.from(values, roots);
        } catch (ConfigError e) {
            return CheckResult.failed(Failure.PERMISSION, e.getMessage(), elapsed(started));
        }
        FileRoots.Placement place = config.placement();
        Path at = place.root();
        try (SecureDirectoryStream<Path> rootDir = NoFollowDirectories.open(place.root(), java.util.List.of(), false)) {
            if (rootDir == null) {
                return CheckResult.ok(place.root() + " does not exist yet; it will be created on the first run",
                        "local filesystem", elapsed(started));
            }
            SecureDirectoryStream<Path> dir = rootDir;
            try {
                for (String name : place.names()) {
                    SecureDirectoryStream<Path> child = NoFollowDirectories.child(dir, at, name, false);
                    if (child == null) {
                        probe(dir);
                        return CheckResult.ok(place.path() + " does not exist yet; it will be created under " + at,
                                "local filesystem", elapsed(started));
                    }
                    if (dir != rootDir) {
                        dir.close();
                    }
                    dir = child;
                    at = at.resolve(name);
                }
                probe(dir);
            } finally {
                if (dir != rootDir) {
                    dir.close();
                }
            }
            String rest = config.templated() ? "; the folders named by variables are created when a run starts" : "";
            return CheckResult.ok(at + " is writable" + rest, "local filesystem", elapsed(started));
        } catch (NoFollowDirectories.NotARealDirectory e) {
            return CheckResult.failed(Failure.NOT_FOUND, e.getMessage(), elapsed(started));
        } catch (IOException | SecurityException e) {
            return CheckResult.failed(Failure.PERMISSION, at + " is not writable: " + e.getClass().getSimpleName(),
                    elapsed(started));
        }
    }

    private static void probe(SecureDirectoryStream<Path> dir) throws IOException {
        Path probe = Path.of(".dtaas-probe-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        dir.newByteChannel(probe, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)).close();
        dir.deleteFile(probe);
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
