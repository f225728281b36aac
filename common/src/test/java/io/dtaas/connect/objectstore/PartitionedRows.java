package io.dtaas.connect.objectstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtaas.connect.objectstore.FileDestinationTesting.Place;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.FileReadBack;
import org.apache.parquet.example.data.Group;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table partitioned by {@code region} (hostile text) and {@code year}, its rows, and reading partitioned files
 * back independently of the writer: rows as text per format, per-row checksums, and each file's folders decoded
 * (percent-decoding, as Hive and Spark do) and compared with the rows inside.
 */
final class PartitionedRows {

    static final TableSchema TABLE = new TableSchema(new TableRef("shop", "orders"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("region", ColumnType.of(ColumnKind.STRING), true),
            new Column("year", ColumnType.of(ColumnKind.INT32), false),
            new Column("note", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));

    /** Values that must never make a path leave the table's folder, hide a file or break a name. */
    static final List<String> HOSTILE = Arrays.asList("EU", "../../../etc", "..", ".", "a/b", "/abs", "x\\y",
            "tab\there", "nl\nthere", "bell\u0007", "100%", "k=v", "%2E%2E", ".hidden", "späť 漢字 😀", null,
            "z".repeat(300), "_SUCCESS", "region=EU");

    private static final Pattern FOLDERS = Pattern.compile("(?:.*/)?shop/orders/region=([^/]+)/year=(\\d+)/[^/]+");

    private PartitionedRows() {
    }

    /** Rows {@code from..to}: region cycles through {@code regions}, year through three years. */
    static Batch rows(long from, long to, List<String> regions) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(new Object[] {id, regions.get((int) (id % regions.size())), 2024 + (int) (id % 3), "note " + id});
        }
        return new Batch(TABLE, rows);
    }

    /** Each row's values as text (null stays null). */
    static List<List<String>> text(Batch batch) {
        return batch.rows().stream().map(r -> Arrays.stream(r).map(v -> v == null ? null : v.toString()).toList())
                .toList();
    }

    /** The rows of a file as text, read with the format's independent reader. */
    static List<List<String>> readBack(Place place, String key, String format, Path scratch) {
        byte[] bytes = place.read(key);
        return switch (format) {
            case "csv" -> FileDestinationTesting.withoutHeader(FileReadBack.csv(bytes));
            case "json" -> FileReadBack.jsonLines(bytes).stream().map(PartitionedRows::text).toList();
            case "parquet" -> FileReadBack.parquet(bytes, scratch).rows().stream().map(PartitionedRows::text).toList();
            default -> throw new IllegalArgumentException(format);
        };
    }

    private static List<String> text(JsonNode row) {
        return TABLE.columns().stream().map(c -> row.get(c.name()).isNull() ? null : row.get(c.name()).asText())
                .toList();
    }

    private static List<String> text(Group row) {
        return Arrays.asList(Long.toString(row.getLong(0, 0)),
                row.getFieldRepetitionCount(1) == 0 ? null : row.getString(1, 0),
                Integer.toString(row.getInteger(2, 0)),
                row.getFieldRepetitionCount(3) == 0 ? null : row.getString(3, 0));
    }

    /** Sorted SHA-256 checksums of rows: equal lists mean the same rows, each as often. */
    static List<String> checksums(List<List<String>> rows) {
        return rows.stream().map(PartitionedRows::checksum).sorted().toList();
    }

    private static String checksum(List<String> row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String value : row) {
                sha.update(value == null ? new byte[] {0} : ("v" + value).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 1);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts the key lies in a {@code region=/year=} folder inside the table's folder, with no segment that could
     * leave or hide, and that every row in it has the folder's values.
     */
    static void assertInItsFolder(String key, List<List<String>> rows) {
        assertThat(key.split("/")).as(key).doesNotContain("..", ".", "").allSatisfy(segment ->
                assertThat(segment.chars().noneMatch(Character::isISOControl)).as(key).isTrue());
        Matcher m = FOLDERS.matcher(key);
        assertThat(m.matches()).as(key + " is in a region=/year= folder of shop/orders").isTrue();
        String region = URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        for (List<String> row : rows) {
            assertThat(row.get(2)).as(key).isEqualTo(m.group(2));
            String value = row.get(1);
            if (value == null || value.isEmpty()) {
                assertThat(region).as(key).isEqualTo(PartitionFolders.NULL_VALUE);
            } else if (m.group(1).contains("~")) {
                assertThat(m.group(1)).as("a long value's folder is cut and hashed").hasSizeLessThanOrEqualTo(
                        PartitionFolders.MAX_SEGMENT - "region=".length());
                assertThat(value).startsWith(region.substring(0, region.indexOf('~')));
            } else {
                assertThat(region).as(key).isEqualTo(value);
            }
        }
    }
}
