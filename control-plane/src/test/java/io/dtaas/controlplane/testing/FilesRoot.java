package io.dtaas.controlplane.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test app's directory for {@code local_files} destinations: its first {@code dtaas.files.roots} entry (by
 * default {@code $DTAAS_HOME/files}, and the test resources give every run a fresh data dir).
 */
public final class FilesRoot {

    private FilesRoot() {
    }

    public static Path path() {
        Path root = Path.of(ConfigProvider.getConfig().getValue("dtaas.files.roots", String.class).split(":")[0]);
        try {
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty directory inside the root. */
    public static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(path(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
