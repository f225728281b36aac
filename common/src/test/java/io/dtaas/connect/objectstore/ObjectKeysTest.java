package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private final ObjectKeys plain = new ObjectKeys("exports/", null, ".csv.gz");
    private final ObjectKeys dated = new ObjectKeys("", LocalDate.of(2026, 11, 5), ".parquet");
    private final TableRef orders = new TableRef("sales", "orders");

    private static final String RUN = "20261105T101502Z-3fa9c1";

    @Test
    void keysAreFixedPerRunChunkAndFile() {
        assertThat(plain.fileKey(orders, RUN, 3, 0)).isEqualTo("exports/sales/orders/part-" + RUN + "-00003-000.csv.gz");
        assertThat(plain.fileKey(orders, RUN, 123456, 1000))
                .isEqualTo("exports/sales/orders/part-" + RUN + "-123456-1000.csv.gz");
        assertThat(dated.fileKey(orders, RUN, 0, 2))
                .isEqualTo("sales/orders/load_date=2026-11-05/part-" + RUN + "-00000-002.parquet");
        assertThat(dated.fileKey(new TableRef(null, "t"), RUN, 0, 0))
                .isEqualTo("t/load_date=2026-11-05/part-" + RUN + "-00000-000.parquet");
    }

    @Test
    void chunkPrefixesDoNotOverlap() {
        assertThat(plain.chunkPrefix(orders, RUN, 1)).isEqualTo("exports/sales/orders/part-" + RUN + "-00001-");
        assertThat(plain.fileKey(orders, RUN, 10, 0)).doesNotStartWith(plain.chunkPrefix(orders, RUN, 1));
        assertThat(plain.tableFolder(new TableRef("sales", "orders_2")))
                .doesNotStartWith(plain.tableFolder(orders));
    }

    @Test
    void runNamesSortByStartAndDifferWithinASecond() {
        java.util.Random random = new java.util.Random(7);
        java.time.Instant start = java.time.Instant.parse("2026-11-05T10:15:02.900Z");
        String a = ObjectKeys.newRun(start, random);
        String b = ObjectKeys.newRun(start, random);
        assertThat(a).matches("20261105T101502Z-[0-9a-f]{6}").isNotEqualTo(b);
        assertThat(ObjectKeys.newRun(start.plusSeconds(1), random)).isGreaterThan(a).isGreaterThan(b);
        assertThat(ObjectKeys.isRun(a)).isTrue();
        assertThat(ObjectKeys.isRun("20261105T101502Z-3FA9C1")).isFalse();
    }

    @Test
    void partNamesAreReadBackAndForeignNamesAreNot() {
        assertThat(ObjectKeys.part("part-" + RUN + "-00003-001.csv.gz")).contains(new ObjectKeys.Part(RUN, 3));
        assertThat(ObjectKeys.part("part-" + RUN + "-123456-000.parquet")).contains(new ObjectKeys.Part(RUN, 123456));
        assertThat(ObjectKeys.part("part-00003-001.csv")).isEmpty();
        assertThat(ObjectKeys.part("part-" + RUN + "-00003-001")).isEmpty();
        assertThat(ObjectKeys.part("part-" + RUN + "-99999999999-001.csv")).isEmpty();
        assertThat(ObjectKeys.part("_SUCCESS")).isEmpty();
        assertThat(ObjectKeys.isChangeFile("changes-20261105T101502123Z-0123456789abcdef.jsonl")).isTrue();
        assertThat(ObjectKeys.isChangeFile("changes-x/y")).isFalse();
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
    void prefixesAreFolders() {
        assertThat(FileLayout.folder(null)).isEmpty();
        assertThat(FileLayout.folder("  ")).isEmpty();
        assertThat(FileLayout.folder("exports")).isEqualTo("exports/");
        assertThat(FileLayout.folder("/exports/daily/")).isEqualTo("exports/daily/");
    }
}
