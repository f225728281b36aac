package io.dtaas.connect.objectstore;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileDestinationTesting.Place;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.format.Compression;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.RowFileFormat;
import io.dtaas.testing.EdgeCaseBatch;
import io.dtaas.testing.EdgeCaseChecks;
import io.dtaas.testing.FileReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.dtaas.connect.objectstore.FileDestinationTesting.SMALL;
import static io.dtaas.connect.objectstore.FileDestinationTesting.chunk;
import static io.dtaas.connect.objectstore.FileDestinationTesting.contents;
import static io.dtaas.connect.objectstore.FileDestinationTesting.csvIds;
import static io.dtaas.connect.objectstore.FileDestinationTesting.publish;
import static io.dtaas.connect.objectstore.FileDestinationTesting.rows;
import static io.dtaas.connect.objectstore.FileDestinationTesting.writeChunk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every file destination (S3, local files) guarantees, run against the real thing by each subclass:
 * exact values in every format and compression, one set of files per chunk however often it is written,
 * nothing visible from an uncommitted chunk, file splitting, load-date folders and OVERWRITE's cleanup.
 */
public abstract class FileDestinationContractIT {

    @TempDir
    protected Path scratch;

    protected abstract Connector connector();

    protected abstract Place newPlace();

    static Stream<Arguments> formats() {
        List<Arguments> all = new ArrayList<>();
        for (String format : List.of("parquet", "csv", "json")) {
            for (Compression c : Compression.values()) {
                all.add(Arguments.of(format, c.wireName()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void everyEdgeCaseIsStoredExactlyAsDocumented(String format, String compression) {
        Place place = newPlace();
        Map<String, Object> config = settings(place, format, compression);
        RowFileFormat file = RowFileFormat.of(format, compression, "c");
        long bytes;
        try (Destination destination = destination(config)) {
            bytes = writeChunk(destination, EdgeCaseBatch.schema(), EdgeCaseBatch.TABLE, 0, 1, WriteMode.APPEND,
                    EdgeCaseBatch.batch());
            destination.complete(EdgeCaseBatch.schema(), EdgeCaseBatch.TABLE, WriteMode.APPEND);
        }
        String key = "edge/all_kinds/part-00000-000" + file.fileExtension();
        assertThat(place.allKeys()).containsExactly(key);
        byte[] stored = place.read(key);
        assertThat(bytes).as("bytes written").isEqualTo(stored.length);
        switch (file.format()) {
            case PARQUET -> EdgeCaseChecks.assertParquet(FileReadBack.parquet(stored, scratch),
                    FileReadBack.parquetCodec(file.compression()));
            case CSV -> EdgeCaseChecks.assertCsv(FileReadBack.decompress(stored, file.compression()));
            case JSON -> EdgeCaseChecks.assertJsonLines(FileReadBack.decompress(stored, file.compression()));
        }
    }

    @Test
    void aChunkWrittenAgainReplacesItsFilesAndNeverDoublesRows() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        config.put("max_rows_per_file", 2);
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 5));
        assertThat(place.allKeys()).containsExactlyInAnyOrder(
                "shop/orders/part-00000-000.csv", "shop/orders/part-00000-001.csv", "shop/orders/part-00000-002.csv");
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 3));
        assertThat(place.allKeys()).containsExactlyInAnyOrder(
                "shop/orders/part-00000-000.csv", "shop/orders/part-00000-001.csv");
        assertThat(csvIds(place)).containsExactly(1L, 2L, 3L);
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 5));
        assertThat(csvIds(place)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void maxRowsPerFileSplitsAcrossBatchBoundaries() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "none");
        config.put("max_rows_per_file", 3);
        writeOnce(config, 4, 9, WriteMode.APPEND, rows(1, 2), rows(3, 5), rows(6, 7));
        List<String> keys = place.allKeys().stream().sorted().toList();
        assertThat(keys).containsExactly("shop/orders/part-00004-000.jsonl", "shop/orders/part-00004-001.jsonl",
                "shop/orders/part-00004-002.jsonl");
        List<List<Long>> idsPerFile = keys.stream().map(k -> FileReadBack.jsonLines(place.read(k)).stream()
                .map(n -> n.get("id").asLong()).toList()).toList();
        assertThat(idsPerFile).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L), List.of(7L));
    }

    @Test
    void anUncommittedChunkLeavesNothingAndKeepsTheEarlierAttempt() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "gzip");
        config.put("max_rows_per_file", 2);
        try (Destination destination = destination(config)) {
            try (ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
                writer.write(rows(1, 5));
            }
        }
        assertThat(place.allKeys()).isEmpty();
        assertThat(place.pending()).isEmpty();

        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 3));
        Map<String, byte[]> before = contents(place);
        try (Destination destination = destination(config);
             ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
            writer.write(rows(100, 110));
        }
        assertThat(contents(place)).containsOnlyKeys(before.keySet());
        before.forEach((key, bytes) -> assertThat(place.read(key)).as(key).isEqualTo(bytes));
        assertThat(place.pending()).isEmpty();
    }

    @Test
    void overwriteDeletesTheTablesOtherFilesOnlyAtComplete() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        for (int chunk = 0; chunk < 3; chunk++) {
            writeOnce(config, chunk, 3, WriteMode.APPEND, rows(chunk * 10 + 1, chunk * 10 + 1));
        }
        ConfigValues values = validated(config);
        try (ObjectSink sink = place.sink(values)) {
            publish(sink, prefixOf(values) + "shop/orders/_SUCCESS");
            publish(sink, prefixOf(values) + "shop/orders_archive/part-00000-000.csv");
        }
        try (Destination destination = destination(config)) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            writeChunk(destination, SMALL, SMALL.table(), 0, 2, WriteMode.OVERWRITE, rows(100, 101));
            writeChunk(destination, SMALL, SMALL.table(), 1, 2, WriteMode.OVERWRITE, rows(102, 102));
            assertThat(place.allKeys()).as("before complete").contains(
                    "shop/orders/part-00002-000.csv", "shop/orders/_SUCCESS");
            destination.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(place.allKeys()).containsExactlyInAnyOrder("shop/orders/part-00000-000.csv",
                "shop/orders/part-00001-000.csv", "shop/orders_archive/part-00000-000.csv");
        assertThat(csvIds(place)).containsExactly(100L, 101L, 102L);
    }

    @Test
    void aResumedOverwriteThatWritesNoChunkKeepsThePlansFilesFromItsEarlierAttempt() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        writeOnce(config, 0, 2, WriteMode.OVERWRITE, rows(1, 1));
        writeOnce(config, 1, 2, WriteMode.OVERWRITE, rows(2, 2));
        ConfigValues values = validated(config);
        try (ObjectSink sink = place.sink(values)) {
            publish(sink, prefixOf(values) + "shop/orders/part-00000-000.jsonl");
        }
        try (Destination resumed = destination(config)) {
            resumed.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            resumed.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(place.allKeys()).containsExactlyInAnyOrder("shop/orders/part-00000-000.csv",
                "shop/orders/part-00001-000.csv");
    }

    @Test
    void chunksWrittenConcurrentlyEachKeepTheirOwnFiles() throws Exception {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "zstd");
        config.put("max_rows_per_file", 50);
        int chunks = 4;
        try (Destination destination = destination(config);
             ExecutorService threads = Executors.newFixedThreadPool(chunks)) {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                done.add(threads.submit(() -> writeChunk(destination, SMALL, SMALL.table(), chunk, chunks,
                        WriteMode.APPEND, rows(chunk * 1000L + 1, chunk * 1000L + 120))));
            }
            for (Future<Long> f : done) {
                assertThat(f.get()).isPositive();
            }
        }
        assertThat(place.allKeys()).hasSize(chunks * 3);
        List<Long> ids = place.allKeys().stream().sorted()
                .flatMap(k -> FileReadBack.jsonLines(FileReadBack.decompress(place.read(k), Compression.ZSTD)).stream())
                .map(n -> n.get("id").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            for (long id = c * 1000L + 1; id <= c * 1000L + 120; id++) {
                expected.add(id);
            }
        }
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void appendAndMergeKeepTheTablesOtherFiles() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "none");
        for (int chunk = 0; chunk < 3; chunk++) {
            writeOnce(config, chunk, 3, WriteMode.APPEND, rows(chunk + 1, chunk + 1));
        }
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(7, 7));
        writeOnce(config, 0, 1, WriteMode.MERGE, rows(8, 8));
        assertThat(place.allKeys()).containsExactlyInAnyOrder("shop/orders/part-00000-000.jsonl",
                "shop/orders/part-00001-000.jsonl", "shop/orders/part-00002-000.jsonl");
    }

    @Test
    void loadDatePartitionsFollowTheRunsDateAndOverwriteClearsOtherDates() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "zstd");
        config.put("partition_by_load_date", true);
        ConfigValues values = validated(config);
        Instant lateOnTheFifth = Instant.parse("2026-11-05T23:59:59Z");
        try (Destination destination = datedDestination(place, values, lateOnTheFifth)) {
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 2));
        }
        assertThat(place.allKeys()).containsExactly("shop/orders/load_date=2026-11-05/part-00000-000.csv.zst");
        try (Destination destination = datedDestination(place, values, lateOnTheFifth.plusSeconds(1))) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.OVERWRITE, rows(3, 3));
            assertThat(place.allKeys()).hasSize(2);
            destination.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(place.allKeys()).containsExactly("shop/orders/load_date=2026-11-06/part-00000-000.csv.zst");
    }

    @Test
    void anEmptyTableGetsOneFileWithItsColumnsButEmptyChunksOfLargerPlansNone() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "parquet", "default");
        writeOnce(config, 0, 1, WriteMode.APPEND);
        assertThat(place.allKeys()).containsExactly("shop/orders/part-00000-000.parquet");
        var file = FileReadBack.parquet(place.read("shop/orders/part-00000-000.parquet"), scratch);
        assertThat(file.rows()).isEmpty();
        assertThat(file.schema().getFields()).extracting(f -> f.getName()).containsExactly("id", "name");

        writeOnce(config, 1, 3, WriteMode.APPEND);
        assertThat(place.allKeys()).containsExactly("shop/orders/part-00000-000.parquet");
    }

    @Test
    void schemaAndTableNamesCannotReachOutsideTheirFolder() {
        Place place = newPlace();
        TableRef odd = new TableRef("../up", "a/b c");
        try (Destination destination = destination(settings(place, "csv", "none"))) {
            destination.prepare(SMALL, odd, WriteMode.APPEND);
            writeChunk(destination, SMALL, odd, 0, 1, WriteMode.APPEND, rows(1, 1));
        }
        assertThat(place.allKeys()).containsExactly("%2E.%2Fup/a%2Fb%20c/part-00000-000.csv");
    }

    // --- helpers ---

    protected Map<String, Object> settings(Place place, String format, String compression) {
        Map<String, Object> config = new HashMap<>(place.config());
        config.put("file_format", format);
        config.put("compression", compression);
        return config;
    }

    protected ConfigValues validated(Map<String, Object> config) {
        ConfigValues values = ConfigValidator.validate(connector().type(), config, "connection_config");
        connector().validate(values);
        return values;
    }

    protected Destination destination(Map<String, Object> config) {
        return connector().destination(validated(config));
    }

    private Destination datedDestination(Place place, ConfigValues values, Instant now) {
        FileLayout layout = FileLayout.from(values, prefixOf(values), "connection_config");
        return new FileDestination(place.sink(values), layout, ParquetOptions.DEFAULT, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The key prefix the connector applies (S3's {@code prefix}; none for a directory). */
    protected String prefixOf(ConfigValues values) {
        return "";
    }

    protected void writeOnce(Map<String, Object> config, int index, int count, WriteMode mode, Batch... batches) {
        try (Destination destination = destination(config)) {
            destination.prepare(SMALL, SMALL.table(), mode);
            writeChunk(destination, SMALL, SMALL.table(), index, count, mode, batches);
            destination.complete(SMALL, SMALL.table(), mode);
        }
    }
}
