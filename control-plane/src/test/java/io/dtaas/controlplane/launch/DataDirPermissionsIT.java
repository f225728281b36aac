package io.dtaas.controlplane.launch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up repair of the data dir's permissions, on a real file system. */
class DataDirPermissionsIT {

    private Path home;
    private Path outside;

    @BeforeEach
    void dirs() throws IOException {
        home = Files.createTempDirectory("dtaas-perm-home");
        outside = Files.createTempDirectory("dtaas-perm-outside");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Path root : List.of(home, outside)) {
            chmod(root, "rwx------");
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void writableByOthersIsRepairedAndKeysBecomeTheOwnersOnly() throws IOException {
        Files.createDirectories(home.resolve("pgdata/base"));
        Files.createDirectories(home.resolve("cdc/task-1"));
        Files.writeString(home.resolve("secret.key"), "k");
        Files.writeString(home.resolve("pgdata/dtaas-superuser.password"), "p");
        Files.writeString(home.resolve("cdc/task-1/offsets.dat"), "o");
        Files.writeString(home.resolve("readable.txt"), "r");
        chmod(home, "rwxrwxrwx");
        chmod(home.resolve("pgdata"), "rwxr-x---");
        chmod(home.resolve("pgdata/base"), "rwxrwx---");
        chmod(home.resolve("cdc"), "rwxrwxrwx");
        chmod(home.resolve("cdc/task-1/offsets.dat"), "rw-rw-rw-");
        chmod(home.resolve("secret.key"), "rw-r--r--");
        chmod(home.resolve("pgdata/dtaas-superuser.password"), "rw-rw----");
        chmod(home.resolve("readable.txt"), "rw-r--r--");

        List<String> report = DataDirPermissions.secure(home, Set.of(Path.of("secret.key"), Path.of("pgdata"),
                Path.of("pgdata/dtaas-superuser.password")));

        assertThat(mode(home)).isEqualTo("rwxr-xr-x");
        assertThat(mode(home.resolve("pgdata"))).isEqualTo("rwx------");
        assertThat(mode(home.resolve("pgdata/base"))).isEqualTo("rwxr-x---");
        assertThat(mode(home.resolve("cdc"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(home.resolve("cdc/task-1/offsets.dat"))).isEqualTo("rw-r--r--");
        assertThat(mode(home.resolve("secret.key"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("pgdata/dtaas-superuser.password"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("readable.txt"))).isEqualTo("rw-r--r--"); // nothing to repair: not reported
        assertThat(report).hasSize(7).contains(
                "tightened permissions of " + home.resolve("secret.key") + ": rw-r--r-- -> rw-------",
                "tightened permissions of " + home + ": rwxrwxrwx -> rwxr-xr-x")
                .noneMatch(line -> line.contains("readable.txt"));
        assertThat(DataDirPermissions.secure(home, Set.of(Path.of("secret.key")))).as("a second run").isEmpty();
    }

    @Test
    void symbolicLinksAreNotFollowedOutOfTheDataDir() throws IOException {
        Path target = Files.writeString(outside.resolve("theirs.txt"), "t");
        chmod(target, "rw-rw-rw-");
        chmod(outside, "rwxrwxrwx");
        Files.createSymbolicLink(home.resolve("link-to-file"), target);
        Files.createSymbolicLink(home.resolve("link-to-dir"), outside);
        Files.createSymbolicLink(home.resolve("secret.key"), target); // even where an owner-only file is expected

        List<String> report = DataDirPermissions.secure(home, Set.of(Path.of("secret.key")));

        assertThat(mode(target)).isEqualTo("rw-rw-rw-");
        assertThat(mode(outside)).isEqualTo("rwxrwxrwx");
        assertThat(report).isEmpty();
    }

    @Test
    void aSharedStickyDirectoryAsDataDirIsReportedNotChanged() throws IOException {
        Files.setAttribute(home, "unix:mode", 01777);
        Files.writeString(home.resolve("secret.key"), "k");
        chmod(home.resolve("secret.key"), "rw-r--r--");

        List<String> report = DataDirPermissions.secure(home, Set.of(Path.of("secret.key")));

        assertThat((Integer) Files.getAttribute(home, "unix:mode") & 07777).isEqualTo(01777);
        assertThat(mode(home.resolve("secret.key"))).isEqualTo("rw-------");
        assertThat(report).anyMatch(line -> line.contains("is a shared directory") && line.contains("DTAAS_HOME"));
    }

    @Test
    void aNewPrivateDirectoryIsTheOwnersOnly() throws IOException {
        Path fresh = home.resolve("a/b/c");
        DataDirPermissions.createPrivateDirectory(fresh);
        assertThat(mode(home.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(fresh)).isEqualTo("rwx------");
        chmod(fresh, "rwxrwxrwx");
        DataDirPermissions.createPrivateDirectory(fresh);
        assertThat(mode(fresh)).isEqualTo("rwx------");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static void chmod(Path p, String mode) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }
}
