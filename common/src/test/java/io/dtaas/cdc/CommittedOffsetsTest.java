package io.dtaas.cdc;

import io.dtaas.connect.StreamOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A file store's committed offsets read back exactly as written (the engine's FileOffsetBackingStore layout). */
class CommittedOffsetsTest {

    @Test
    void aSeededOffsetReadsBackAndNoneBeforeTheFirstCommit(@TempDir Path dir) {
        FileStreamState state = new FileStreamState(dir.resolve("task-3"));
        assertThat(state.committedOffsets()).isEmpty();
        StreamOffset offset = new StreamOffset(Map.of("server", "dtaas_task_3"),
                Map.of("file", "bin.000042", "pos", 4_321L, "gtids", "0-1-99"));
        state.seed("dtaas_task_3", offset);
        assertThat(state.committedOffsets()).containsExactly(offset);
        assertThat(StreamStates.files(dir).of(3).committedOffsets()).containsExactly(offset);
    }

    @Test
    void aFileOfAnotherShapeIsRefusedUnread(@TempDir Path dir) throws Exception {
        FileStreamState state = new FileStreamState(dir);
        try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(state.offsetsFile()))) {
            out.writeObject(new java.util.ArrayList<>(java.util.List.of("x")));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(state::committedOffsets)
                .isInstanceOf(io.dtaas.error.SystemError.class).hasMessageContaining("REJECTED");
        Files.write(state.offsetsFile(), new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 0x73}); // cut short, as while rewritten
        org.assertj.core.api.Assertions.assertThatThrownBy(state::committedOffsets)
                .isInstanceOf(io.dtaas.error.SystemError.class).hasMessageContaining("cannot read");
    }
}
