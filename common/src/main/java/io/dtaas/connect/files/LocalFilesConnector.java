package io.dtaas.connect.files;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.objectstore.FileDestination;
import io.dtaas.format.ParquetOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** A directory on the machine that runs the transfer, as a destination for Parquet, CSV and JSON-lines files. */
public final class LocalFilesConnector implements Connector {

    public static final ConnectorType TYPE = new ConnectorType("local_files", "Local files", Set.of(Role.DESTINATION),
            LocalFilesConfig.FIELDS, false);

    @Override
    public ConnectorType type() {
        return TYPE;
    }

    @Override
    public void validate(ConfigValues config) {
        LocalFilesConfig.from(config);
    }

    /** Parquet, CSV or JSON-lines files under the directory, laid out as {@link FileDestination} says. */
    @Override
    public Destination destination(ConfigValues values) {
        LocalFilesConfig config = LocalFilesConfig.from(values);
        return new FileDestination(new LocalDirectorySink(config.path()), config.layout(), ParquetOptions.DEFAULT,
                Clock.systemUTC());
    }

    /** Writes and deletes a probe file; a missing directory passes when it can be created under its parent. */
    @Override
    public CheckResult check(ConfigValues values, Duration timeout) {
        Path dir = LocalFilesConfig.from(values).path();
        long started = System.nanoTime();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return CheckResult.failed(Failure.NOT_FOUND, dir + " exists but is not a directory", elapsed(started));
        }
        if (!Files.exists(dir)) {
            Path parent = nearestExisting(dir);
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                return CheckResult.failed(Failure.PERMISSION, dir + " does not exist and cannot be created under "
                        + parent, elapsed(started));
            }
            return CheckResult.ok(dir + " does not exist yet; it will be created under " + parent,
                    "local filesystem", elapsed(started));
        }
        try {
            Path probe = Files.createTempFile(dir, ".dtaas-probe-", ".tmp");
            Files.delete(probe);
            return CheckResult.ok(dir + " is writable", "local filesystem", elapsed(started));
        } catch (IOException | SecurityException e) {
            return CheckResult.failed(Failure.PERMISSION, dir + " is not writable: " + e.getMessage(), elapsed(started));
        }
    }

    private static Path nearestExisting(Path dir) {
        Path p = dir.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
