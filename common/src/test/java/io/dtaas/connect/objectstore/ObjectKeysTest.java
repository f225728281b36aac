package io.dtaas.connect.objectstore;

import io.dtaas.data.TableRef;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    private static final FileNameTemplate NAMES = FileNameTemplate.parse(null, true, "f");
    private final ObjectKeys plain = new ObjectKeys("exports/", LocalDate.of(2026, 11, 5), false, ".csv.gz", NAMES);
    private final ObjectKeys dated = new ObjectKeys("", LocalDate.of(2026, 11, 5), true, ".parquet", NAMES);
    private final TableRef orders = new TableRef("sales", "orders");

    private static final String RUN = "20261105T101502Z-3fa9c1";

    @Test
    void keysAreFixedPerRunChunkAndFile() {
        assertThat(plain.fileKey(orders, RUN, 3, "", 0)).isEqualTo("exports/sales/orders/part-" + RUN + "-00003-000.csv.gz");
        assertThat(plain.fileKey(orders, RUN, 123456, "", 1000))
                .isEqualTo("exports/sales/orders/part-" + RUN + "-123456-1000.csv.gz");
        assertThat(dated.fileKey(orders, RUN, 0, "", 2))
                .isEqualTo("sales/orders/load_date=2026-11-05/part-" + RUN + "-00000-002.parquet");
        assertThat(dated.fileKey(new TableRef(null, "t"), RUN, 0, "", 0))
                .isEqualTo("t/load_date=2026-11-05/part-" + RUN + "-00000-000.parquet");
        assertThat(dated.fileKey(orders, RUN, 1, "region=EU/", 0))
                .isEqualTo("sales/orders/load_date=2026-11-05/region=EU/part-" + RUN + "-00001-000.parquet");
    }

    @Test
    void templatesNameFilesWithEveryPlaceholder() {
        FileNameTemplate names = FileNameTemplate.parse("{schema}_{table}_{date}_{run}_c{chunk}-p{part}.{ext}", true, "f");
        ObjectKeys keys = new ObjectKeys("x/", LocalDate.of(2026, 12, 3), false, ".jsonl.zst", names);
        assertThat(keys.fileKey(new TableRef("a b", "t"), RUN, 7, "k=1/", 12))
                .isEqualTo("x/a%20b/t/k=1/a%20b_t_2026-12-03_" + RUN + "_c00007-p012.jsonl.zst");
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
    void dataAndChangeFileNamesAreRecognisedAndForeignNamesAreNot() {
        assertThat(ObjectKeys.isDataFile("part-" + RUN + "-00003-001.csv.gz")).isTrue();
        assertThat(ObjectKeys.isDataFile("orders_2026-12-03_00001.parquet")).isTrue();
        assertThat(ObjectKeys.isDataFile("_SUCCESS")).isFalse();
        assertThat(ObjectKeys.isDataFile("_part-00001.csv")).isFalse();
        assertThat(ObjectKeys.isDataFile(".part-00001.csv")).isFalse();
        assertThat(ObjectKeys.isDataFile("readme.txt")).isFalse();
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
