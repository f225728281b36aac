package io.dtaas.connect.files;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileDestinationContractIT;
import io.dtaas.connect.objectstore.FileDestinationTesting.Place;
import io.dtaas.connect.objectstore.ObjectSink;
import io.dtaas.error.ConfigError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.dtaas.connect.objectstore.FileDestinationTesting.SMALL;
import static io.dtaas.connect.objectstore.FileDestinationTesting.chunk;
import static io.dtaas.connect.objectstore.FileDestinationTesting.csvIds;
import static io.dtaas.connect.objectstore.FileDestinationTesting.dataKeys;
import static io.dtaas.connect.objectstore.FileDestinationTesting.rows;
import static io.dtaas.connect.objectstore.FileDestinationTesting.runOf;
import static io.dtaas.connect.objectstore.FileDestinationTesting.writeChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The file-destination contract against a real directory inside a root, plus what only a directory has:
 * staging files, and symbolic links swapped in after the settings were checked, which must never let a write
 * or a delete reach outside the root.
 */
class LocalFilesDestinationIT extends FileDestinationContractIT {

    private final AtomicInteger places = new AtomicInteger();

    /** Outside the root (the scratch dir): nothing may ever appear here. */
    @TempDir
    Path outside;

    @Override
    protected Connector connector() {
        return new LocalFilesConnector(FileRoots.of(scratch));
    }

    @Override
    protected Place newPlace() {
        return new DirectoryPlace(scratch.resolve("out-" + places.incrementAndGet()).resolve("nested"),
                FileRoots.of(scratch));
    }

    @Test
    void stagingFilesAreHiddenUntilCommitAndAbandonedOnesGoWhenTheirChunkIsWrittenAgain() throws IOException {
        DirectoryPlace place = (DirectoryPlace) newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        writeOnce(config, 5, 6, WriteMode.APPEND, rows(50, 50));
        String run = runOf(dataKeys(place).getFirst());
        // What a crashed attempt of that run leaves: staging files of chunks 0 and 1.
        Path folder = place.root.resolve("shop/orders");
        String leftover0 = "shop/orders/.part-" + run + "-00000-000.csv.123.dtaas-tmp";
        String leftover1 = "shop/orders/.part-" + run + "-00001-000.csv.456.dtaas-tmp";
        Files.writeString(place.root.resolve(leftover0), "partial");
        Files.writeString(place.root.resolve(leftover1), "partial");

        try (Destination resumed = destination(config)) {
            resumed.prepare(SMALL, SMALL.table(), WriteMode.APPEND, true);
            try (ChunkWriter writer = resumed.open(SMALL, SMALL.table(), chunk(0, 6), WriteMode.APPEND)) {
                writer.write(rows(1, 1000));
                assertThat(place.pending()).hasSize(2).contains(leftover1).doesNotContain(leftover0);
                assertThat(dataKeys(place)).as("nothing new visible before commit").hasSize(1 + 2)
                        .allMatch(key -> key.contains("-00005-") || key.endsWith(".dtaas-tmp"));
                writer.commit();
            }
        }
        assertThat(dataKeys(place)).containsExactlyInAnyOrder("shop/orders/part-" + run + "-00000-000.csv",
                "shop/orders/part-" + run + "-00005-000.csv", leftover1);
        assertThat(Files.readString(folder.resolve("part-" + run + "-00000-000.csv"))).startsWith("id,name\r\n1,name 1\r\n");
    }

    @Test
    void aDirectorySwappedForALinkAfterTheCheckMakesTheWriteFailAndNothingLeavesTheRoot() throws IOException {
        for (String swapped : List.of("out-link", "out-link/nested", "out-link/nested/shop/orders",
                "out-link/nested/shop/orders/.dtaas-manifest")) {
            Path dir = scratch.resolve("out-link/nested");
            Map<String, Object> config = new HashMap<>(Map.of("path", dir.toString(), "file_format", "csv"));
            Files.createDirectories(dir.resolve("shop/orders/.dtaas-manifest"));
            try (Destination destination = destination(config)) { // settings checked: no link yet
                Path victim = scratch.resolve(swapped);
                deleteTree(victim);
                Files.createSymbolicLink(victim, outside);
                assertThatThrownBy(() -> writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND,
                        rows(1, 3))).as(swapped).isInstanceOf(ConfigError.class)
                        .hasMessageStartingWith("connection_config.path: ")
                        .hasMessageContaining("is a symbolic link; DTaaS follows no links below its roots");
            }
            try (Stream<Path> escaped = Files.list(outside)) {
                assertThat(escaped).as("written outside the root through " + swapped).isEmpty();
            }
            deleteTree(scratch.resolve("out-link"));
        }
    }

    @Test
    void aLinkPlantedWhereAFileGoesIsReplacedNotFollowedAndOverwriteNeverDeletesThroughOne() throws IOException {
        DirectoryPlace place = (DirectoryPlace) newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        Path victim = Files.writeString(outside.resolve("victim.csv"), "precious");
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 1));
        String listed = dataKeys(place).getFirst();
        // a file DTaaS published (and listed) is swapped for a link to a file outside
        Files.delete(place.root.resolve(listed));
        Files.createSymbolicLink(place.root.resolve(listed), victim);
        try (Destination destination = destination(config)) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE, true); // continues that run: same names
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.OVERWRITE, rows(2, 2));
            destination.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(place.root.resolve(listed))).as("replaced by the new file").isFalse();
        assertThat(csvIds(place)).containsExactly(2L);

        Files.delete(place.root.resolve(listed));
        Files.createSymbolicLink(place.root.resolve(listed), victim);
        writeOnce(config, 0, 1, WriteMode.OVERWRITE, rows(3, 3));
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(place.root.resolve(listed))).as("a link is never deleted as a file").isTrue();
    }

    /** Validation reads files back by their listed keys: no key, and no link planted below the root, leads out. */
    @Test
    void readingBackFollowsNoLinkAndTakesNoKeyThatLeavesTheRoot() throws Exception {
        DirectoryPlace place = (DirectoryPlace) newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        Path victim = Files.writeString(outside.resolve("victim.csv"), "precious");
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 1));
        String listed = dataKeys(place).getFirst();
        ConfigValues values = io.dtaas.connect.ConfigValidator.validate(connector().type(), config, "connection_config");
        try (ObjectSink sink = place.sink(values)) {
            try (var in = sink.open(listed)) {
                assertThat(new String(in.readAllBytes())).as("the file itself reads").isNotEqualTo("precious");
            }
            for (String key : List.of("../victim.csv", "/etc/hostname", "shop/../../victim.csv", "shop/./orders",
                    "shop//orders", "shop/orders\0x")) {
                assertThatThrownBy(() -> sink.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            }
            // the listed file swapped for a link to a file outside
            Files.delete(place.root.resolve(listed));
            Files.createSymbolicLink(place.root.resolve(listed), victim);
            assertThatThrownBy(() -> sink.open(listed).close()).as("a file link").isNotInstanceOf(AssertionError.class);
            // a folder on the way swapped for a link to a folder outside holding the same name
            Path folder = place.root.resolve(listed).getParent();
            Path copy = Files.createDirectories(outside.resolve("copy"));
            Files.writeString(copy.resolve(place.root.resolve(listed).getFileName().toString()), "precious");
            deleteTree(folder);
            Files.createSymbolicLink(folder, copy);
            assertThatThrownBy(() -> sink.open(listed).close()).as("a folder link").isNotInstanceOf(AssertionError.class);
        }
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aRootThatIsALinkIsFollowedAsTheOperatorConfiguredIt() throws IOException {
        Path real = Files.createDirectories(scratch.resolve("real-root"));
        Path link = Files.createSymbolicLink(scratch.resolve("root-link"), real);
        LocalFilesConnector connector = new LocalFilesConnector(FileRoots.of(link));
        ConfigValues values = io.dtaas.connect.ConfigValidator.validate(connector.type(),
                Map.of("path", link.resolve("exports").toString(), "file_format", "csv"), "connection_config");
        connector.validate(values);
        try (Destination destination = connector.destination(values)) {
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 2));
        }
        try (Stream<Path> files = Files.list(real.resolve("exports/shop/orders"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(2).contains(".dtaas-manifest")
                    .anyMatch(n -> n.startsWith("part-"));
        }
        assertThat(Files.getPosixFilePermissions(real.resolve("exports/shop/orders")))
                .as("directories DTaaS creates are writable by DTaaS only")
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static final class DirectoryPlace implements Place {
        final Path root;
        private final FileRoots roots;

        DirectoryPlace(Path root, FileRoots roots) {
            this.root = root;
            this.roots = roots;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new HashMap<>();
            config.put("path", root.toString());
            return config;
        }

        @Override
        public ObjectSink sink(ConfigValues config) {
            return new LocalDirectorySink(LocalFilesConfig.from(config, roots).placement());
        }

        @Override
        public List<String> allKeys() {
            if (!Files.exists(root)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] read(String key) {
            try {
                return Files.readAllBytes(root.resolve(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<String> pending() {
            return allKeys().stream().filter(k -> k.endsWith(LocalDirectorySink.STAGING_SUFFIX)).toList();
        }
    }
}
