package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private final ObjectKeys plain = new ObjectKeys("exports/", null, ".csv.gz");
    private final ObjectKeys dated = new ObjectKeys("", LocalDate.of(2026, 11, 5), ".parquet");
    private final TableRef orders = new TableRef("sales", "orders");

    @Test
    void keysAreFixedPerChunkAndFile() {
        assertThat(plain.fileKey(orders, 3, 0)).isEqualTo("exports/sales/orders/part-00003-000.csv.gz");
        assertThat(plain.fileKey(orders, 123456, 1000)).isEqualTo("exports/sales/orders/part-123456-1000.csv.gz");
        assertThat(dated.fileKey(orders, 0, 2)).isEqualTo("sales/orders/load_date=2026-11-05/part-00000-002.parquet");
        assertThat(dated.fileKey(new TableRef(null, "t"), 0, 0)).isEqualTo("t/load_date=2026-11-05/part-00000-000.parquet");
    }

    @Test
    void chunkPrefixesDoNotOverlap() {
        assertThat(plain.chunkPrefix(orders, 1)).isEqualTo("exports/sales/orders/part-00001-");
        assertThat(plain.fileKey(orders, 10, 0)).doesNotStartWith(plain.chunkPrefix(orders, 1));
        assertThat(plain.tableFolder(new TableRef("sales", "orders_2")))
                .doesNotStartWith(plain.tableFolder(orders));
    }

    @Test
    void namesCannotLeaveTheirFolderOrHide() {
        assertThat(ObjectKeys.segment("../etc")).isEqualTo("%2E.%2Fetc");
        assertThat(ObjectKeys.segment("..")).isEqualTo("%2E.");
        assertThat(ObjectKeys.segment("a b%c\\d")).isEqualTo("a%20b%25c%5Cd");
        assertThat(ObjectKeys.segment("Bestellung_ü-漢字.v2$")).isEqualTo("Bestellung_ü-漢字.v2$");
        assertThat(ObjectKeys.segment("😀")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void plannedFilesAreThisLayoutsPartFilesOfChunksInThePlan() {
        TableRef t = orders;
        assertThat(dated.isPlannedFile(t, "sales/orders/load_date=2026-11-05/part-00001-000.parquet", 2)).isTrue();
        assertThat(dated.isPlannedFile(t, "sales/orders/load_date=2026-11-05/part-00002-000.parquet", 2)).isFalse();
        assertThat(dated.isPlannedFile(t, "sales/orders/load_date=2026-11-05/part-00002-000.parquet", null)).isTrue();
        assertThat(dated.isPlannedFile(t, "sales/orders/load_date=2026-11-04/part-00000-000.parquet", 2)).isFalse();
        assertThat(dated.isPlannedFile(t, "sales/orders/load_date=2026-11-05/part-00000-000.csv", 2)).isFalse();
        assertThat(dated.isPlannedFile(t, "sales/orders/load_date=2026-11-05/_SUCCESS", 2)).isFalse();
        assertThat(dated.isPlannedFile(t, "sales/orders/part-00000-000.parquet", null)).isFalse();
    }

    @Test
    void prefixesAreFolders() {
        assertThat(FileLayout.folder(null)).isEmpty();
        assertThat(FileLayout.folder("  ")).isEmpty();
        assertThat(FileLayout.folder("exports")).isEqualTo("exports/");
        assertThat(FileLayout.folder("/exports/daily/")).isEqualTo("exports/daily/");
    }
}
