package io.dtaas.worker;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A worker confines local files to its own {@code dtaas.files.roots}, with the same code as the control-plane. */
@QuarkusTest
@TestProfile(WorkerFileRootsIT.Roots.class)
class WorkerFileRootsIT {

    public static class Roots implements QuarkusTestProfile {
        static final Path ROOT = temp();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dtaas.files.roots", ROOT.toString());
        }

        private static Path temp() {
            try {
                return Files.createTempDirectory("dtaas-worker-root");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final TableSchema ORDERS = new TableSchema(new TableRef("shop", "orders"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false)), List.of("id"));

    @Inject
    ConnectorRegistry registry;

    private ConfigValues values(Connector files, String path) {
        ConfigValues v = ConfigValidator.validate(files.type(), Map.of("path", path, "file_format", "csv"),
                "connection_config");
        files.validate(v);
        return v;
    }

    @Test
    void writesOnlyInsideItsConfiguredRoots() throws IOException {
        Connector files = registry.require(Role.DESTINATION, "local_files");
        assertThatThrownBy(() -> values(files, "/etc")).isInstanceOf(ConfigError.class)
                .hasMessage("connection_config.path: /etc is outside the directories DTaaS may write to: ["
                        + Roots.ROOT + "] (set by DTAAS_FILES_ROOTS)");
        Path outside = Files.createTempDirectory("dtaas-worker-outside");
        Files.createSymbolicLink(Roots.ROOT.resolve("link"), outside);
        assertThatThrownBy(() -> files.destination(ConfigValidator.validate(files.type(),
                Map.of("path", Roots.ROOT.resolve("link").toString()), "connection_config")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("is a symbolic link");

        try (Destination destination = files.destination(values(files, Roots.ROOT.resolve("out").toString()));
             ChunkWriter writer = destination.open(ORDERS, ORDERS.table(),
                     new Chunk(ORDERS.table(), 0, 1, new ChunkBounds.WholeTable()), WriteMode.APPEND)) {
            writer.write(new Batch(ORDERS, List.of(new Object[] {1L}, new Object[] {2L})));
            writer.commit();
        }
        try (Stream<Path> written = Files.list(Roots.ROOT.resolve("out/shop/orders"))) {
            assertThat(written.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("part-"));
        }
        try (Stream<Path> left = Files.list(outside)) {
            assertThat(left).isEmpty();
        }
    }
}
