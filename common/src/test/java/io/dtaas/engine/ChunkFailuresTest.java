package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.data.TableRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A table's error names every chunk that failed and every chunk left unattempted, each reason once. */
class ChunkFailuresTest {

    private static final TableRef T = new TableRef("public", "orders");

    private static Chunk chunk(int number) {
        return new Chunk(T, number - 1, 8, new ChunkBounds.KeyRange("id", (long) number, (long) number + 1));
    }

    @Test
    void namesEveryFailedAndSkippedChunk() {
        ChunkFailures failures = new ChunkFailures("task nightly, table public.orders");
        assertThat(failures.message()).isNull();
        failures.failed(chunk(3), "the database system is shutting down (after 9 retries)");
        failures.failed(chunk(1), "the database system is shutting down (after 9 retries)");
        failures.failed(chunk(2), "value too long");
        failures.skipped(chunk(7));
        failures.skipped(chunk(5));
        assertThat(failures.any()).isTrue();
        assertThat(failures.message()).isEqualTo("task nightly, table public.orders: chunks 1, 2, 3 of 8 failed,"
                + " chunks 5, 7 not attempted; chunks 1, 3: the database system is shutting down (after 9 retries);"
                + " chunk 2: value too long");
    }
}
