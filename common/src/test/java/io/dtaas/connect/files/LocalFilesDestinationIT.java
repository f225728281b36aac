package io.dtaas.connect.files;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileDestinationContractIT;
import io.dtaas.connect.objectstore.FileDestinationTesting.Place;
import io.dtaas.connect.objectstore.ObjectSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static io.dtaas.connect.objectstore.FileDestinationTesting.SMALL;
import static io.dtaas.connect.objectstore.FileDestinationTesting.chunk;
import static io.dtaas.connect.objectstore.FileDestinationTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The file-destination contract against a real directory, plus what only a directory has: staging files. */
class LocalFilesDestinationIT extends FileDestinationContractIT {

    private final AtomicInteger places = new AtomicInteger();

    @Override
    protected Connector connector() {
        return new LocalFilesConnector();
    }

    @Override
    protected Place newPlace() {
        return new DirectoryPlace(scratch.resolve("out-" + places.incrementAndGet()).resolve("nested"));
    }

    @Test
    void stagingFilesAreHiddenUntilCommitAndAbandonedOnesGoWhenTheirChunkIsWrittenAgain() throws IOException {
        DirectoryPlace place = (DirectoryPlace) newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        // What a crashed writer leaves: staging files of chunks 0 and 1.
        Path folder = Files.createDirectories(place.root.resolve("shop/orders"));
        String leftover0 = "shop/orders/.part-00000-000.csv.123.dtaas-tmp";
        String leftover1 = "shop/orders/.part-00001-000.csv.456.dtaas-tmp";
        Files.writeString(place.root.resolve(leftover0), "partial");
        Files.writeString(place.root.resolve(leftover1), "partial");

        try (Destination destination = destination(config);
             ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 2), WriteMode.APPEND)) {
            writer.write(rows(1, 1000));
            assertThat(place.pending()).hasSize(2).contains(leftover1).doesNotContain(leftover0);
            assertThat(place.allKeys()).as("nothing visible before commit")
                    .allMatch(key -> key.startsWith("shop/orders/.") && key.endsWith(".dtaas-tmp"));
            writer.commit();
        }
        assertThat(place.allKeys()).containsExactlyInAnyOrder("shop/orders/part-00000-000.csv", leftover1);
        assertThat(Files.readString(folder.resolve("part-00000-000.csv"))).startsWith("id,name\r\n1,name 1\r\n");
    }

    static final class DirectoryPlace implements Place {
        final Path root;

        DirectoryPlace(Path root) {
            this.root = root;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new HashMap<>();
            config.put("path", root.toString());
            return config;
        }

        @Override
        public ObjectSink sink(ConfigValues config) {
            return new LocalDirectorySink(LocalFilesConfig.from(config).path());
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
