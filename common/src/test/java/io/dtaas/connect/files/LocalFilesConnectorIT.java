package io.dtaas.connect.files;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings checks and connection tests of {@code local_files} against the real file system. */
class LocalFilesConnectorIT {

    @TempDir
    Path scratch;
    /** The one root; {@code scratch} holds it and, beside it, places outside it. */
    private Path root;
    private Path outside;
    private LocalFilesConnector connector;

    @BeforeEach
    void roots() throws Exception {
        root = Files.createDirectories(scratch.resolve("root"));
        outside = Files.createDirectories(scratch.resolve("outside"));
        connector = new LocalFilesConnector(FileRoots.of(root));
    }

    private ConfigValues values(String path) {
        return ConfigValidator.validate(connector.type(), Map.of("path", path), "connection_config");
    }

    private CheckResult check(String path) {
        ConfigValues v = values(path);
        connector.validate(v);
        return connector.check(v, Duration.ofSeconds(1));
    }

    @Test
    void writableDirectoryPassesAndLeavesNothingBehind() throws Exception {
        Path dir = Files.createDirectories(root.resolve("exports"));
        for (Path p : List.of(root, dir)) {
            CheckResult result = check(p.toString());
            assertThat(result.success()).as(result.message()).isTrue();
            assertThat(result.message()).isEqualTo(p + " is writable");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void missingDirectoryPassesWhenItCanBeCreatedAndCheckingCreatesNothing() {
        CheckResult result = check(root.resolve("a/b").toString());
        assertThat(result.success()).isTrue();
        assertThat(result.message()).contains("will be created under " + root);
        assertThat(root.resolve("a")).doesNotExist();

        LocalFilesConnector fresh = new LocalFilesConnector(FileRoots.of(scratch.resolve("not-yet")));
        ConfigValues v = ConfigValidator.validate(fresh.type(), Map.of("path", scratch.resolve("not-yet/x").toString()),
                "connection_config");
        fresh.validate(v);
        CheckResult later = fresh.check(v, Duration.ofSeconds(1));
        assertThat(later.success()).isTrue();
        assertThat(later.message()).contains("will be created on the first run");
        assertThat(scratch.resolve("not-yet")).doesNotExist();
    }

    @Test
    void aFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(root.resolve("f.txt"), "x");
        for (Path p : List.of(file, file.resolve("below"))) {
            CheckResult result = check(p.toString());
            assertThat(result.success()).isFalse();
            assertThat(result.failure()).isEqualTo(Failure.NOT_FOUND);
            assertThat(result.message()).isEqualTo(file + " is not a directory");
        }
    }

    @Test
    void aRootThatIsAFileFailsTheTest() throws Exception {
        Path file = Files.writeString(scratch.resolve("root-file"), "x");
        LocalFilesConnector onFile = new LocalFilesConnector(FileRoots.of(file));
        ConfigValues v = ConfigValidator.validate(onFile.type(), Map.of("path", file.resolve("x").toString()),
                "connection_config");
        CheckResult result = onFile.check(v, Duration.ofSeconds(1));
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).isEqualTo(Failure.NOT_FOUND);
        assertThat(result.message()).isEqualTo(file + " is not a directory");
    }

    @Test
    void pathsOutsideTheRootsAreRefusedNamingTheFieldAndTheRoots() throws Exception {
        Files.createSymbolicLink(root.resolve("to-outside"), outside);
        Files.createSymbolicLink(root.resolve("to-inside"), Files.createDirectories(root.resolve("real")));
        Files.createSymbolicLink(root.resolve("to-etc"), Path.of("/etc"));
        List<String> attacks = List.of("/", "/etc", "/etc/cron.d", "/home", "/root/.ssh", "/proc/self", "/tmp",
                outside.toString(), scratch.toString(), root + "-sibling", root + "-sibling/x",
                root + "/../outside", root + "/x/../../outside", root + "/./x", root + "/..", "/" + root + "/../..",
                root + "/to-outside", root + "/to-outside/deeper", root + "/to-etc", root + "/to-inside/x",
                "/{{today}}", "/etc/{{today}}", root + "-{{today}}/x", root + "/{{today}}/../../x",
                root + "/to-outside/{{today}}");
        List<String> accepted = new ArrayList<>();
        for (String attack : attacks) {
            try {
                connector.validate(values(attack));
                accepted.add(attack);
            } catch (ConfigError e) {
                assertThat(e.problems()).as(attack).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("connection_config.path");
                    assertThat(p.message()).containsAnyOf("outside the directories DTaaS may write to: [" + root
                            + "] (set by DTAAS_FILES_ROOTS)", "must not contain '.' or '..' names",
                            "is a symbolic link; DTaaS follows no links below its root " + root);
                });
            }
        }
        assertThat(accepted).as("accepted attack paths").isEmpty();
        try (var left = Files.list(outside)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void relativeAndMalformedPathsAreRefused() {
        for (String bad : List.of("exports", "./exports", "../etc", "~/x", "")) {
            assertThatThrownBy(() -> check(bad)).as(bad).isInstanceOf(ConfigError.class)
                    .hasMessageStartingWith("connection_config.path: ");
        }
        assertThatThrownBy(() -> check("exports")).hasMessage("connection_config.path: must be an absolute path inside ["
                + root + "], e.g. " + root.resolve("exports"));
        assertThatThrownBy(() -> check(root + "/a\u0000b")).hasMessage("connection_config.path: must not contain NUL characters");
    }

    @Test
    void templatedPathsAreCheckedOnTheirFixedPartAndTestedThere() {
        CheckResult result = check(root + "/daily/{{run_date}}");
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).contains("will be created under " + root);
        CheckResult atRoot = check(root + "/{{run_date}}");
        assertThat(atRoot.success()).isTrue();
        assertThat(atRoot.message()).isEqualTo(root + " is writable; the folders named by variables are created when"
                + " a run starts");
        assertThatThrownBy(() -> connector.destination(values(root + "/{{run_date}}")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("not rendered");
    }

    @Test
    void aStoredPathOutsideTheRootsFailsItsConnectionTestWithoutTouchingIt() {
        CheckResult result = connector.check(values(outside.toString()), Duration.ofSeconds(1));
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).isEqualTo(Failure.PERMISSION);
        assertThat(result.message()).contains("outside the directories DTaaS may write to");
        assertThatThrownBy(() -> connector.destination(values(outside.toString()))).isInstanceOf(ConfigError.class);
    }

    @Test
    void rootsAreAbsoluteDirectoriesOtherThanTheFileSystemRoot() {
        assertThat(FileRoots.parse(" /a/b : /c/../d/ ::").roots()).containsExactly(Path.of("/a/b"), Path.of("/d"));
        for (String bad : List.of("", " : ", "relative/dir", "/", "/a:/", "/a/..")) {
            assertThatThrownBy(() -> FileRoots.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("DTAAS_FILES_ROOTS");
        }
        assertThat(FileRoots.fromEnvironment(Map.of("DTAAS_HOME", "/srv/dtaas")).roots())
                .containsExactly(Path.of("/srv/dtaas/files"));
        assertThat(FileRoots.fromEnvironment(Map.of("DTAAS_HOME", "/srv/dtaas", "DTAAS_FILES_ROOTS", "/x:/y")).roots())
                .containsExactly(Path.of("/x"), Path.of("/y"));
        assertThat(connector.type().field("path").orElseThrow().description()).contains("inside " + root);
    }
}
