package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream's committed offsets read back from the file store, as the engine's store writes them. */
class OffsetRecordsTest {

    @Test
    void aSeededOffsetIsReadBack(@TempDir Path dir) {
        FileStreamState state = new FileStreamState(dir);
        assertThat(state.committedOffsets()).as("before the first commit").isEmpty();
        state.seed("dtaas_task_9", new StreamOffset(Map.of("server", "dtaas_task_9"),
                Map.of("file", "mysql-bin.000004", "pos", 1234L, "gtids", "0-1-77")));
        List<StreamOffset> read = state.committedOffsets();
        assertThat(read).hasSize(1);
        assertThat(read.get(0).partition()).isEqualTo(Map.of("server", "dtaas_task_9"));
        assertThat(read.get(0).offset()).containsEntry("file", "mysql-bin.000004").containsEntry("gtids", "0-1-77");
        assertThat(((Number) read.get(0).offset().get("pos")).longValue()).isEqualTo(1234L);
    }

    @Test
    void onlyTheStoresOwnShapeIsDeserialized(@TempDir Path dir) throws Exception {
        Path offsets = dir.resolve("offsets.dat");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(offsets))) {
            out.writeObject(new ArrayList<>(List.of("not", "offsets")));
        }
        assertThatThrownBy(() -> new FileStreamState(dir).committedOffsets()).hasMessageContaining("REJECTED");
        Files.write(offsets, new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 0x73}); // cut short, as while rewritten
        assertThatThrownBy(() -> new FileStreamState(dir).committedOffsets()).hasMessageContaining("cannot read");
    }
}
